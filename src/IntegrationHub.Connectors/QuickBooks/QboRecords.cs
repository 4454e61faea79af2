using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>QBO payloads → <see cref="RemoteRecord"/>: id, canonical mapping, raw payload (with SyncToken), last change time, deletion, reference.</summary>
public static class QboRecords
{
    public const string ReferencePrefix = "ih:";

    public static RemoteRecord ToRecord(QboEntity entity, JsonObject raw)
    {
        var id = raw.Str("Id") ?? throw new ConnectorException(ErrorClass.Transient, $"QuickBooks returned a {entity.Name} without an Id");
        var updated = LastUpdated(raw) ?? DateTimeOffset.UnixEpoch;
        if (string.Equals(raw.Str("status"), "Deleted", StringComparison.OrdinalIgnoreCase))
            return new RemoteRecord(id, new JsonObject(), raw, updated, Deleted: true);
        var reference = entity.ReferenceField is { } field && raw.Str(field) is { } note && note.StartsWith(ReferencePrefix, StringComparison.Ordinal) ? note : null;
        return new RemoteRecord(id, entity.ToCanonical(raw), raw, updated) { Reference = reference };
    }

    public static DateTimeOffset? LastUpdated(JsonObject raw) =>
        raw.Obj("MetaData").Str("LastUpdatedTime") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : null;

    /// <summary>A literal for QBO's query language (single quotes, backslash-escaped).</summary>
    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Literal(DateTimeOffset value) => "'" + value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "'";
}
