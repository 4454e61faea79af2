using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Sync;

/// <summary>One field of a failed record and why it failed (a mapping path such as <c>lines[0].accountCode</c>).</summary>
public sealed record FieldError(string Field, string Reason);

/// <summary>A record that failed in a run (validation, a mapping error) with the provider's message; the run itself went on.</summary>
public sealed class RecordFailure : ITenantOwned
{
    public long Id { get; init; }
    public Guid TenantId { get; set; }
    public Guid SyncRunId { get; init; }
    public required string Entity { get; init; }
    /// <summary>The host id (push) or remote id (pull) of the failed record.</summary>
    public required string RecordKey { get; init; }
    public ErrorClass ErrorClass { get; init; }
    public required string Message { get; init; }
    public string? ProviderCode { get; init; }
    /// <summary>Each field and its reason when the record failed the field mapping or the pre-push checks (empty otherwise).</summary>
    public List<FieldError> Fields { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
