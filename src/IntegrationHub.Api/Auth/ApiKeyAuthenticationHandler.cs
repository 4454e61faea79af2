using System.Security.Claims;
using System.Text.Encodings.Web;
using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Api.Auth;

/// <summary>
/// Authenticates the host app by API key (X-Api-Key header, or Authorization: Bearer ihk_…). The key is found by its
/// public prefix and verified against the stored SHA-256 in constant time; the failure reason never echoes the key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    HubDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header)) return header.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer " + ApiKeyFormat.Marker, StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null) return AuthenticateResult.NoResult();
        if (ApiKeyFormat.TryGetPrefix(key) is not { } prefix) return AuthenticateResult.Fail("Malformed API key.");

        var now = clock.GetUtcNow();
        var stored = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { Key = k, TenantDisabled = db.Tenants.Any(t => t.Id == k.TenantId && t.DisabledAt != null) })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (stored is null || !ApiKeyFormat.Verify(key, stored.Key.SecretHash)) return AuthenticateResult.Fail("Unknown API key.");
        if (!stored.Key.IsUsableAt(now)) return AuthenticateResult.Fail("API key revoked or expired.");
        if (stored.TenantDisabled) return AuthenticateResult.Fail("Tenant disabled.");

        if (stored.Key.LastUsedAt is null || now - stored.Key.LastUsedAt > LastUsedResolution)
        {
            // Coarse on purpose: one write a minute per key, not one per request.
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == stored.Key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, stored.Key.Id.ToString()),
            new(ClaimTypes.Name, $"{stored.Key.Name} ({stored.Key.Prefix})"),
            new(HubClaims.ApiKeyId, stored.Key.Id.ToString()),
            new(HubClaims.TenantId, stored.Key.TenantId.ToString()),
        };
        claims.AddRange(stored.Key.Scopes.Select(s => new Claim(HubClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
