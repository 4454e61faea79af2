using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>Ids and keys the engine derives (pure, stable across processes and retries).</summary>
public static class SyncKeys
{
    /// <summary>
    /// Host id of a record first seen on a provider: "{connectionId:N}:{remoteId}". Deterministic, so a retried page
    /// finds the record it created, and readable: the host app can tell where an imported record came from.
    /// </summary>
    public static string ImportedHostId(Guid connectionId, string remoteId) => $"{connectionId:N}:{remoteId}";

    /// <summary>The host id in a provider record's external reference ("ih:{hostId}"), or null.</summary>
    public static string? HostIdFromReference(string? reference) =>
        reference is { Length: > 3 } r && r.StartsWith("ih:", StringComparison.Ordinal) ? r[3..] : null;

    /// <summary>Idempotency key of a create or update: the same record with the same content always gets the same key (32 hex chars).</summary>
    public static string Idempotency(Guid connectionId, string entity, string hostId, string hash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{connectionId:N}|{entity}|{hostId}|{hash}")))[..32];
}
