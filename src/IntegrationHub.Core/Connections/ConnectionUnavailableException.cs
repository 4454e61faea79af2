namespace IntegrationHub.Core.Connections;

/// <summary>The connection cannot make calls now (pending, needs re-authorisation, disabled); work on it should stop, not retry.</summary>
public sealed class ConnectionUnavailableException(Guid connectionId, ConnectionStatus status, string? reason)
    : Exception($"Connection {connectionId} is {status}{(reason is null ? "" : ": " + reason)}.")
{
    public Guid ConnectionId { get; } = connectionId;
    public ConnectionStatus Status { get; } = status;
}
