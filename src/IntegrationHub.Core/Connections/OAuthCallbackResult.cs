namespace IntegrationHub.Core.Connections;

/// <summary>How a callback ended, in words for the person who was redirected back (never including codes or tokens).</summary>
public sealed record OAuthCallbackResult(bool Succeeded, Guid? ConnectionId, string? ReturnUrl, string Title, string Detail, bool NeedsOrganisationChoice = false)
{
    public static OAuthCallbackResult Fail(string title, string detail, Guid? connectionId = null, string? returnUrl = null) =>
        new(false, connectionId, returnUrl, title, detail);
}
