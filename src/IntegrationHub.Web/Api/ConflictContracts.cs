using System.Text.Json;

namespace IntegrationHub.Web.Api;

// The conflicts queue of /api/v1/conflicts as the Api writes it.

public sealed record ConflictInfo(Guid Id, Guid ConnectionId, string Entity, string HostId, string RemoteId, string Status, string Policy,
    IReadOnlyList<string> ConflictingPaths, string? Outcome, string? Reason, DateTimeOffset HostChangedAt, DateTimeOffset ExternalChangedAt,
    Guid? SyncRunId, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, Guid? ResolvedByUserId);

public sealed record ConflictPage(IReadOnlyList<ConflictInfo> Items, int Page, int PageSize, int Total);

public sealed record ConflictDetail(ConflictInfo Conflict, JsonElement? Base, JsonElement Host, JsonElement External, JsonElement? Resolution);

public sealed record ConflictResolved(ConflictDetail Conflict, bool PushRequired, Guid? PushRunId);

public sealed record BulkSkip(Guid Id, string Reason);

public sealed record BulkResolved(IReadOnlyList<Guid> Resolved, IReadOnlyList<BulkSkip> Skipped, IReadOnlyList<Guid> PushRunIds);
