using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// <c>POST /batch</c>: up to 30 BatchItemRequest items (create/update/delete/void or Query), each
/// answered by bId with its entity, QueryResponse or Fault; one failing item does not stop the others.
/// </summary>
public static class QboBatch
{
    public const int MaxItems = 30;

    public static JsonObject Run(QboCompany company, QboEngine engine, JsonObject body, TimeProvider time)
    {
        var items = body.Arr("BatchItemRequest");
        if (items.Count > MaxItems)
            throw new QboFaultException(400, "1040", "Batch size exceeds allowed limit", $"Batch has {items.Count} items; the maximum is {MaxItems}");
        var responses = new JsonArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            var response = new JsonObject { ["bId"] = item.Str("bId") };
            try
            {
                if (item.Str("Query") is { } query)
                {
                    response["QueryResponse"] = QboApiEndpoints.Query(company, query).ToJson();
                }
                else
                {
                    var (entity, payload) = Payload(item);
                    var result = QboApiEndpoints.Write(company, engine, entity, item.Str("operation"), payload);
                    response[entity] = result.DeepClone();
                }
            }
            catch (QboFaultException fault)
            {
                response["Fault"] = fault.ToFault();
            }
            responses.Add(response);
        }
        return QboResults.Wrap("BatchItemResponse", responses, time.GetUtcNow());
    }

    private static (string Entity, JsonObject Payload) Payload(JsonObject item)
    {
        foreach (var (key, value) in item)
        {
            if (QboEntities.Canonical(key) is { } entity && value is JsonObject payload) return (entity, payload);
        }
        throw QboFaultException.Malformed("Batch item has no entity payload and no Query");
    }
}
