using System.Text.Json.Nodes;
using IntegrationHub.Core.Connections;

namespace IntegrationHub.Core.Sync;

/// <summary>
/// The one interface the engine uses to talk to a provider. A connector turns the provider's API into pages of
/// canonical records and back; paging, change feeds, payload mapping and error classification live behind it. The
/// engine owns everything else: checkpoints, hashing, the record store, conflicts, retries and rate budgets.
/// </summary>
public interface ISyncConnector
{
    /// <summary>The connector's key in the catalog (connector.json "key").</summary>
    string Key { get; }

    /// <summary>
    /// One page of records changed since <paramref name="cursor"/> (incremental) or, with
    /// <see cref="SyncMode.Full"/>, one page of every live record. The page carries the token for the next page and,
    /// on the last page, the cursor the next incremental run starts from. A cursor the connector cannot parse throws
    /// <see cref="InvalidCursorException"/>.
    /// </summary>
    Task<ChangePage> ListAsync(ConnectorContext context, string entity, SyncMode mode, SyncPosition position, CancellationToken ct);

    Task<RemoteRecord?> GetAsync(ConnectorContext context, string entity, string remoteId, CancellationToken ct);

    /// <summary>Finds a record the hub created earlier by the external reference it wrote into it (idempotent create for providers without idempotency keys).</summary>
    Task<RemoteRecord?> FindByReferenceAsync(ConnectorContext context, string entity, string reference, CancellationToken ct);

    /// <summary>Creates the record; <paramref name="idempotencyKey"/> is stable per record and content, passed to the provider where it supports one.</summary>
    Task<RemoteRecord> CreateAsync(ConnectorContext context, string entity, OutboundRecord record, string idempotencyKey, CancellationToken ct);

    /// <summary>Updates the record; <paramref name="current"/> is the provider's current version (sync tokens, fields the hub does not map).</summary>
    Task<RemoteRecord> UpdateAsync(ConnectorContext context, string entity, OutboundRecord record, RemoteRecord current, string idempotencyKey, CancellationToken ct);

    Task DeleteAsync(ConnectorContext context, string entity, RemoteRecord current, CancellationToken ct);
}

/// <summary>
/// What a connector call needs: the connection and a way to call its provider. Every call goes through
/// <see cref="ConnectionHttp"/> (bearer token or static credential, the external-tenant header, one refresh-and-retry
/// on 401, the connection's shared rate budget), so connectors never handle tokens themselves.
/// </summary>
public sealed class ConnectorContext(Connection connection, ConnectionHttp http, TimeProvider clock)
{
    public Connection Connection { get; } = connection;
    public TimeProvider Clock { get; } = clock;

    /// <summary>Absolute URL of a path relative to the connection's API base (QBO's /v3/company/{realmId}/, Xero's /api.xro/2.0/).</summary>
    public string ApiUrl(string relative) => http.ApiUrl(Connection, relative);

    /// <summary>Sends a request built by <paramref name="build"/> (called again if the request must be repeated).</summary>
    public Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken ct) => http.SendAsync(Connection, build, ct);

    /// <summary>The hub's host-app id written into provider records as external reference.</summary>
    public static string Reference(string hostId) => $"ih:{hostId}";
}

public enum SyncMode { Incremental, Full }

/// <summary>
/// Where a run stands in an entity's feed: the committed cursor (high-water mark of the last completed run, in the
/// connector's own format), the page token inside the current run, and the time from which changes are wanted.
/// </summary>
public sealed record SyncPosition(string? Cursor, string? PageToken, DateTimeOffset? Since);

/// <summary>
/// A page of records. <see cref="NextPageToken"/> null means the feed is exhausted; then <see cref="NextCursor"/> is
/// what the next incremental run starts from (the connector may also advance it per page).
/// </summary>
public sealed record ChangePage(IReadOnlyList<RemoteRecord> Records, string? NextPageToken, string? NextCursor, DateTimeOffset? HighWaterMark = null);

/// <summary>
/// A provider record: its id, the canonical mapping, the provider's own payload (kept so updates never erase fields
/// the hub does not map), its last change time, and whether the provider reports it deleted or voided.
/// </summary>
public sealed record RemoteRecord(string RemoteId, JsonObject Canonical, JsonObject Raw, DateTimeOffset UpdatedAt, bool Deleted = false)
{
    /// <summary>The external reference the hub wrote into the record when it created it, if any.</summary>
    public string? Reference { get; init; }
}

/// <summary>
/// A host-app record going out: its host id (for the reference), the canonical content, links to records it depends on
/// and, from the field mapping, provider fields (custom fields) the connector merges onto the payload it builds.
/// </summary>
public sealed record OutboundRecord(string HostId, JsonObject Canonical, IReadOnlyDictionary<string, string> LinkedRemoteIds, JsonObject? RawPatch = null);
