using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>One provider event as it goes into the inbox: which external tenant it is about, what changed, and its dedupe key.</summary>
public sealed record ParsedEvent(string DedupeKey, string Type, string ExternalTenantId, string? Entity, string? RemoteId, string PayloadJson);

/// <summary>Events parsed from a verified body; Error set when the body is not what the provider sends (→ 400).</summary>
public sealed record ParseResult(IReadOnlyList<ParsedEvent> Events, string? Error = null)
{
    public static ParseResult Invalid(string error) => new([], error);
}

/// <summary>
/// What the receiver needs to know about one provider: how it signs, and how its body splits into inbox events.
/// Sources that need a per-connection secret are served under /webhooks/{provider}/{connectionId}.
/// </summary>
public interface IWebhookSource
{
    string Provider { get; }
    IWebhookVerifier Verifier { get; }
    ParseResult Parse(byte[] body);
}

internal static class SourceJson
{
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>A dedupe key for providers whose notifications carry no id of their own: a hash of what identifies the change.</summary>
    public static string Hash(params string?[] parts) =>
        "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts))));

    /// <summary>{"entity", "remoteId", "operation", "event": the provider's original event}, written directly (this runs per webhook).</summary>
    public static string Payload(string? entity, string? remoteId, string? operation, JsonElement original)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteNullable(writer, "entity", entity);
            WriteNullable(writer, "remoteId", remoteId);
            WriteNullable(writer, "operation", operation);
            writer.WritePropertyName("event");
            original.WriteTo(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null) writer.WriteNull(name);
        else writer.WriteString(name, value);
    }
}
