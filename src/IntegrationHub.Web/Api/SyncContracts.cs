namespace IntegrationHub.Web.Api;

// Sync history and dead-letter shapes of /api/v1/sync-runs and /api/v1/dead-letter, as the Api writes them (camelCase,
// status/trigger/kind in snake_case).

public sealed record RunCounts(int Processed, int Created, int Updated, int Deleted, int Skipped, int Failed, int Conflicts);

public sealed record SyncRun(Guid Id, Guid ConnectionId, string Trigger, string Kind, IReadOnlyList<string> Entities, string Status,
    IReadOnlyDictionary<string, RunCounts> Counts, int Pages, long RateLimitWaitMs, int Processed, int? ExpectedTotal, int? ProgressPercent,
    string? Error, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs)
{
    public bool IsFinished => Status is "succeeded" or "completed_with_errors" or "failed" or "cancelled";
}

public sealed record SyncRunPage(IReadOnlyList<SyncRun> Items, int Page, int PageSize, int Total);

public sealed record SyncRunQuery(Guid? ConnectionId = null, string? Status = null, int Page = 1, int PageSize = 25);

public sealed record FieldFailure(string Field, string Reason);
public sealed record RecordFailure(long Id, string Entity, string RecordKey, string ErrorClass, string Message, string? ProviderCode, DateTimeOffset CreatedAt,
    IReadOnlyList<FieldFailure>? Fields = null);

public sealed record SyncRunDetail(SyncRun Run, IReadOnlyList<RecordFailure> Failures, int FailureCount);

public sealed record DeadLetter(string JobId, Guid RunId, Guid ConnectionId, IReadOnlyList<string> Entities, string Kind, string Trigger,
    DateTimeOffset? FailedAt, int Attempts, string? Error);

public sealed record DeadLetterPage(IReadOnlyList<DeadLetter> Items, int Page, int PageSize, int Total);

public sealed record RedriveResult(IReadOnlyList<string> Requeued, IReadOnlyList<string> NotFound);
