using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>QBO payloads → <see cref="RemoteRecord"/>: id, canonical mapping, raw payload (with SyncToken), last change time, deletion, reference.</summary>
public static class QboRecords
{
    public const string ReferencePrefix = "ih:";

    /// <summary>
    /// A record of a parsed page: mapped from the element in place; the raw payload is a <see cref="JsonObject"/> over the
    /// same element, which builds its nodes only if something reads it (the engine stores it as the element's text).
    /// </summary>
    public static RemoteRecord ToRecord(QboEntity entity, JsonElement raw) => ToRecord(entity, raw, JsonObject.Create(raw)!);

    /// <summary>A record of a single answer (a read by id, a write's result).</summary>
    public static RemoteRecord ToRecord(QboEntity entity, JsonObject raw) => ToRecord(entity, JsonSerializer.SerializeToElement(raw), raw);

    private static RemoteRecord ToRecord(QboEntity entity, JsonElement source, JsonObject raw)
    {
        var id = source.Str("Id") ?? throw new ConnectorException(ErrorClass.Transient, $"QuickBooks returned a {entity.Name} without an Id");
        var updated = LastUpdated(source) ?? DateTimeOffset.UnixEpoch;
        if (string.Equals(source.Str("status"), "Deleted", StringComparison.OrdinalIgnoreCase))
            return new RemoteRecord(id, new JsonObject(), raw, updated, Deleted: true);
        var reference = entity.ReferenceField is { } field && source.Str(field) is { } note && note.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? note : null;
        return new RemoteRecord(id, entity.ToCanonical(source), raw, updated) { Reference = reference };
    }

    public static DateTimeOffset? LastUpdated(JsonElement raw) =>
        raw.Obj("MetaData").Str("LastUpdatedTime") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : null;

    /// <summary>A literal for QBO's query language (single quotes, backslash-escaped).</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Literal(DateTimeOffset value) => "'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "'";
}
