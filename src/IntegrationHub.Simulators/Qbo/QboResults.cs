using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>QBO's response envelopes: the entity (or QueryResponse, Fault…) beside a <c>time</c> stamp.</summary>
public static class QboResults
{
    public static JsonObject Wrap(string key, JsonNode? value, DateTimeOffset now) => new()
    {
        [key] = value,
        ["time"] = QboTime.Format(now),
    };

    public static JsonObject Fault(QboFaultException fault, DateTimeOffset now) => Wrap("Fault", fault.ToFault(), now);

    public static byte[] Bytes(JsonObject body) => System.Text.Encoding.UTF8.GetBytes(body.ToJsonString(SimJson.Options));

    public static IResult Json(JsonObject body, int status = 200) =>
        Results.Content(body.ToJsonString(SimJson.Options), "application/json;charset=UTF-8", System.Text.Encoding.UTF8, status);

    public static async Task WriteFault(HttpContext context, QboFaultException fault, TimeProvider time)
    {
        context.Response.StatusCode = fault.Status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        await context.Response.Body.WriteAsync(Bytes(Fault(fault, time.GetUtcNow())), context.RequestAborted);
    }
}
