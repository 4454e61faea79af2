namespace IntegrationHub.Connectors.Shared;

/// <summary>
/// Translates a reference field of an outbound record (a host id) into the provider's id through
/// <see cref="Core.Sync.OutboundRecord.LinkedRemoteIds"/>, keyed "{Entity}:{hostId}" or plain "{hostId}". A value with no
/// entry is taken as already translated (the engine may hand over canonical records whose references it resolved).
/// </summary>
public static class LinkedIds
{
    public static string? Resolve(IReadOnlyDictionary<string, string> links, string entity, string? id)
    {
        if (id is null) return null;
        if (links.TryGetValue($"{entity}:{id}", out var qualified)) return qualified;
        return links.TryGetValue(id, out var plain) ? plain : id;
    }
}
