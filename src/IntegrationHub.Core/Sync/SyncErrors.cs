namespace IntegrationHub.Core.Sync;

/// <summary>How the engine reacts to a failure. Connectors throw <see cref="ConnectorException"/> with one of these.</summary>
public enum ErrorClass
{
    /// <summary>Network errors, 5xx, timeouts: retried with exponential backoff and jitter.</summary>
    Transient,
    /// <summary>429 or a provider throttle: waits the provider's delay, does not count as a failure of the run.</summary>
    RateLimited,
    /// <summary>The provider refused the credentials: the connection goes to needs_reauth and the job stops.</summary>
    Auth,
    /// <summary>The record is invalid for the provider: that record fails with the provider's message; the run goes on.</summary>
    Validation,
    /// <summary>The record changed since it was read (QBO stale SyncToken): re-read and retry once.</summary>
    Stale,
    /// <summary>The record already exists (duplicate name): link to the existing record instead of creating.</summary>
    Duplicate,
    /// <summary>Anything else that will not succeed on retry: the job fails at once.</summary>
    Permanent,
}

public class ConnectorException(ErrorClass errorClass, string message, Exception? inner = null) : Exception(message, inner)
{
    public ErrorClass Class { get; } = errorClass;
    /// <summary>For <see cref="ErrorClass.RateLimited"/>: how long the provider asked to wait.</summary>
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>For <see cref="ErrorClass.Duplicate"/>: the existing record's id when the provider says it.</summary>
    public string? ExistingRemoteId { get; init; }
    public int? StatusCode { get; init; }
    public string? ProviderCode { get; init; }
}

/// <summary>The stored cursor cannot be read; the run fails loudly rather than silently starting over.</summary>
public sealed class InvalidCursorException(string cursor, string reason)
    : ConnectorException(ErrorClass.Permanent, $"The stored sync cursor '{cursor}' cannot be parsed: {reason}. Reset the entity's cursor or run a full sync.");
