namespace IntegrationHub.Core.OAuth;

/// <summary>
/// A provider's OAuth error. Only the RFC 6749 error code and the HTTP status are kept: providers sometimes echo
/// request parameters (codes, tokens) in descriptions, so the description is never copied into messages.
/// </summary>
public sealed class OAuthException(string error, int status, bool refused)
    : Exception($"The provider answered {status} with OAuth error '{error}'.")
{
    public string Error { get; } = error;
    public int Status { get; } = status;
    /// <summary>True when retrying cannot help (invalid_grant, invalid_client, unauthorized_client): the connection needs re-authorisation.</summary>
    public bool Refused { get; } = refused;
}
