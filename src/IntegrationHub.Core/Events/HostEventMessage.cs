using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Events;

public enum HostEventOutcome { Processed, Duplicate, Failed }

/// <summary>One message of the host-event stream: its stream id and its fields (id, tenant, type, data).</summary>
public sealed record HostEventMessage(string StreamId, IReadOnlyDictionary<string, string> Fields)
{
    public const string Source = "host";
    public const int MaxIdLength = 200;

    /// <summary>Host event types and the canonical entity each one writes.</summary>
    public static readonly IReadOnlyDictionary<string, string> EntityByType = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["invoice.created"] = CanonicalEntities.Invoice,
        ["invoice.updated"] = CanonicalEntities.Invoice,
        ["customer.created"] = CanonicalEntities.Customer,
        ["customer.updated"] = CanonicalEntities.Customer,
        ["project.completed"] = CanonicalEntities.Project,
    };

    public string? EventId => Fields.GetValueOrDefault(EventStreams.Fields.Id);
    public string Type => Fields.GetValueOrDefault(EventStreams.Fields.Type) ?? "";

    /// <summary>The key the inbox dedupes on: the sender's event id, or the stream id when the sender gave none (so the bad message is still recorded once).</summary>
    public string DedupeKey => EventId is { Length: > 0 and <= MaxIdLength } id ? id : "stream:" + StreamId;

    /// <summary>Validates the message; on success the tenant, entity and canonical record (with its id) are returned.</summary>
    public HostEventParse Parse()
    {
        // The tenant is read first so even an event invalid in other ways is filed under its (known) tenant.
        var tenantParsed = Guid.TryParse(Fields.GetValueOrDefault(EventStreams.Fields.Tenant), out var tenantId);
        Guid? tenant = tenantParsed ? tenantId : null;
        if (EventId is not { Length: > 0 }) return HostEventParse.Invalid("The event has no 'id' field.", tenant);
        if (EventId.Length > MaxIdLength) return HostEventParse.Invalid($"The event id is longer than {MaxIdLength} characters.", tenant);
        if (!tenantParsed) return HostEventParse.Invalid("The 'tenant' field is missing or not a tenant id.");
        if (!EntityByType.TryGetValue(Type, out var entity))
            return HostEventParse.Invalid($"Unknown event type '{Truncate(Type)}'. Known: {string.Join(", ", EntityByType.Keys)}.", tenantId);
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(Fields.GetValueOrDefault(EventStreams.Fields.Data) ?? "");
        }
        catch (JsonException ex)
        {
            return HostEventParse.Invalid($"The 'data' field is not valid JSON: {ex.Message}", tenantId);
        }
        if (CanonicalRecordInput.Validate(data) is { } error) return HostEventParse.Invalid("The 'data' field: " + error, tenantId);
        var (hostId, record) = CanonicalRecordInput.Split((JsonObject)data!);
        return new HostEventParse(null, tenantId, entity, hostId, record);
    }

    /// <summary>The payload kept in the inbox: the data as JSON when it parses, otherwise as a string.</summary>
    public JsonDocument Payload()
    {
        var raw = Fields.GetValueOrDefault(EventStreams.Fields.Data);
        try
        {
            if (raw is not null) return JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            // Kept verbatim below so the failed row shows what arrived.
        }
        return JsonSerializer.SerializeToDocument(new { data = raw });
    }

    private static string Truncate(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

/// <summary>A parsed host event, or the reason it is invalid (with the tenant when that part was valid).</summary>
public sealed record HostEventParse(string? Error, Guid? TenantId, string Entity = "", string HostId = "", JsonObject? Record = null)
{
    public static HostEventParse Invalid(string error, Guid? tenantId = null) => new(error, tenantId);
}
