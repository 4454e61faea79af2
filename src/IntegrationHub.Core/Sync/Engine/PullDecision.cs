using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>What a pulled record does to the host side.</summary>
public enum PullAction
{
    /// <summary>Same hash as last seen (including the echo of the hub's own push): nothing is written.</summary>
    Unchanged,
    /// <summary>The external-side record is written; the host side is left alone (inbound off, host deletion stands, delete ignored).</summary>
    StoreOnly,
    /// <summary>No host record yet: one is created and linked.</summary>
    CreateHost,
    /// <summary>Only the remote changed since the last sync: the host record takes the remote's content.</summary>
    UpdateHost,
    /// <summary>Both sides already hold the same content: only the link's bookkeeping moves.</summary>
    InSync,
    /// <summary>Both changed since the last sync: the conflict policy decides.</summary>
    Conflict,
    /// <summary>The remote was deleted and the delete policy propagates: the host record becomes a tombstone.</summary>
    DeleteHost,
}

/// <summary>
/// The facts about one pulled record. Hashes are of host-side content: <see cref="IncomingHash"/> is the remote record
/// translated to host ids, <see cref="BaseHash"/> the snapshot both sides last agreed on (null when unknown).
/// </summary>
public sealed record PullFacts(
    bool ExternalChanged, bool Deleted, bool Inbound, bool Linked,
    string? HostHash, bool HostDeleted, string? BaseHash, string? IncomingHash, DeletePolicy DeletePolicy);

/// <summary>The pure decision table of the pull side (see the README's "Sync engine" section).</summary>
public static class PullDecision
{
    public static PullAction Decide(PullFacts f)
    {
        if (!f.ExternalChanged) return PullAction.Unchanged;
        if (!f.Inbound) return PullAction.StoreOnly;
        if (f.Deleted)
            return f.Linked && f.HostHash is not null && !f.HostDeleted && f.DeletePolicy == DeletePolicy.Propagate
                ? PullAction.DeleteHost : PullAction.StoreOnly;
        if (f.HostHash is null) return PullAction.CreateHost;
        // A host-side deletion is the host app's decision; a later remote edit does not resurrect the record.
        if (f.HostDeleted) return PullAction.StoreOnly;
        if (f.IncomingHash == f.HostHash) return PullAction.InSync;
        var hostChanged = f.BaseHash is null || f.BaseHash != f.HostHash;
        return hostChanged ? PullAction.Conflict : PullAction.UpdateHost;
    }

    /// <summary>Whether a host record must be pushed: it changed since what was last pushed and since what both sides last agreed on.</summary>
    public static bool NeedsPush(string hostHash, bool linked, string? lastPushedHash, string? baseHash) =>
        !linked || (hostHash != lastPushedHash && hostHash != baseHash);

    public static bool IsPosted(string entity, System.Text.Json.Nodes.JsonObject data) =>
        entity is CanonicalEntities.Invoice or CanonicalEntities.CreditNote
        && data["status"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var status)
        && CanonicalEntities.PostedStatuses.Contains(status);
}
