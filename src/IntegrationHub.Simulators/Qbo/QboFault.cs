using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>A QBO error as its Fault body carries it (code, message, detail, element) plus the HTTP status.</summary>
public sealed class QboFaultException(int status, string code, string message, string detail, string type = "ValidationFault", string element = "")
    : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Detail { get; } = detail;
    public string FaultType { get; } = type;
    public string Element { get; } = element;

    public JsonObject ToFault() => new()
    {
        ["Error"] = new JsonArray(new JsonObject { ["Message"] = Message, ["Detail"] = Detail, ["code"] = Code, ["element"] = Element }),
        ["type"] = FaultType,
    };

    public static QboFaultException NotFound(string entity, string id) =>
        new(400, "610", "Object Not Found", $"Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. {entity} {id} not found");

    public static QboFaultException Stale(string entity, string id, string? sent, string current) =>
        new(400, "5010", "Stale Object Error", $"Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved. {entity} Id={id} SyncToken sent={sent ?? "(none)"} current={current}");

    public static QboFaultException DuplicateName(string name) =>
        new(400, "6240", "Duplicate Name Exists Error", $"The name supplied already exists. : {name}");

    public static QboFaultException InvalidReference(string what, string? id) =>
        new(400, "2500", "Invalid Reference Id", $"Invalid Reference Id : {what} assigned to this transaction has been deleted or does not exist: {id}");

    public static QboFaultException Business(string detail) =>
        new(400, "6000", "A business validation error has occurred while processing your request", $"Business Validation Error: {detail}");

    public static QboFaultException Required(string field) =>
        new(400, "2020", "Required param missing, need to supply the required value for the API", $"Required parameter {field} is missing in the request", element: field);

    public static QboFaultException QueryParse(string detail) =>
        new(400, "4000", "Error parsing query", $"QueryParserError: {detail}", "ValidationFault");

    public static QboFaultException Unauthorized(string detail) =>
        new(401, "3200", "message=AuthenticationFailed; errorCode=003200; statusCode=401", detail, "AUTHENTICATION");

    public static QboFaultException Throttled(string detail) =>
        new(429, "003001", "message=ThrottleExceeded; errorCode=003001; statusCode=429", detail, "SERVICE");

    public static QboFaultException Malformed(string detail) =>
        new(400, "2010", "Request has invalid or unsupported property", detail);
}
