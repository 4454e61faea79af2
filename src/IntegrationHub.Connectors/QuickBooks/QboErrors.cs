using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>QBO's <c>Fault</c> bodies → <see cref="ConnectorException"/> with the engine's error classes.</summary>
public static class QboErrors
{
    public const string NotFound = "610";
    public const string Stale = "5010";
    public const string DuplicateName = "6240";

    public sealed record Fault(string? Code, string? Message, string? Detail, string? Type);

    public static Fault? Read(JsonObject? body)
    {
        var fault = body.Obj("Fault");
        if (fault is null) return null;
        var error = fault.Objects("Error").FirstOrDefault();
        return new Fault(error.Str("code"), error.Str("Message"), error.Str("Detail"), fault.Str("type"));
    }

    /// <summary>The class of a QBO error code; null leaves it to the HTTP status.</summary>
    public static ErrorClass? Classify(string? code) => code switch
    {
        Stale => ErrorClass.Stale,
        DuplicateName => ErrorClass.Duplicate,
        "2010" or "2020" or "2500" or "6000" or "6140" or "6210" or "4000" or "4001" or "1040" or "10000" => ErrorClass.Validation,
        "120" or "3200" or "003200" or "3100" or "003100" => ErrorClass.Auth,
        "003001" or "3001" => ErrorClass.RateLimited,
        NotFound => ErrorClass.Permanent,
        _ => null,
    };

    public static ConnectorException ToException(HttpResponseMessage response, Fault? fault, DateTimeOffset now, string? existingRemoteId = null)
    {
        var message = fault is null
            ? $"QuickBooks answered {(int)response.StatusCode} {response.ReasonPhrase}"
            : $"QuickBooks error {fault.Code}: {fault.Message}{(string.IsNullOrEmpty(fault.Detail) ? "" : " — " + fault.Detail)}";
        var cls = (int)response.StatusCode >= 500 ? ErrorClass.Transient : Classify(fault?.Code);
        return ProviderErrors.FromResponse(response, message, now, fault?.Code, cls, existingRemoteId);
    }
}
