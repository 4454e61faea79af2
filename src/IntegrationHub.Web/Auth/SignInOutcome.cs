namespace IntegrationHub.Web.Auth;

public enum SignInStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    NoTenant,
}

/// <summary>What the sign-in page needs to tell the user; LockedUntil is set only for a lockout.</summary>
public sealed record SignInOutcome(SignInStatus Status, DateTimeOffset? LockedUntil = null);
