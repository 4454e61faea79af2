using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class ConnectionOAuthEndpoints
{
    public const string CallbackPath = "/api/v1/oauth/callback";
    public sealed record StartRequest([property: StringLength(500)] string? ReturnUrl);
    public sealed record StartResponse(string AuthorizeUrl, DateTimeOffset ExpiresAt);
    public sealed record CallbackResponse(Guid? ConnectionId, string Title, string Detail, bool NeedsOrganisationChoice);
    public sealed record TokenStatus(DateTimeOffset? AccessTokenExpiresAt, DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? RefreshedAt, string[] Scopes, string? CredentialVersion);

    public static RouteGroupBuilder MapConnectionOAuthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections/{id:guid}").WithTags("Connections");
        group.MapPost("/oauth/start", Start).WithName("StartOAuth").RequireAuthorization(TenantAccess.Admin);
        group.MapGet("/token", Token).WithName("GetTokenStatus").RequireAuthorization(TenantAccess.Read)
            .WithSummary("Expiry times and scopes of the stored credential; never the tokens.");
        group.MapPost("/token/refresh", Refresh).WithName("RefreshToken").RequireAuthorization(TenantAccess.Admin);
        api.MapGet("/oauth/callback", Callback).WithTags("Connections").WithName("OAuthCallback").AllowAnonymous()
            .WithSummary("Where providers redirect after consent; bound to the single-use state, not to a session.");
        return api;
    }

    private static async Task<Results<Ok<StartResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Start(
        Guid id, StartRequest? request, HttpContext http, HubDbContext db, ConnectorCatalog catalog, ConnectionOAuthFlow flow, IConfiguration configuration, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        if (catalog.Find(connection.Provider)!.Auth.Kind != AuthKind.OAuth2AuthorizationCode)
            return TypedResults.Problem(title: "Not an OAuth provider", detail: $"{connection.Provider} connects with another kind of credential.", statusCode: 409);
        if (request?.ReturnUrl is { } returnUrl && !ReturnUrls.IsAllowed(returnUrl, configuration))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["returnUrl"] = ["The return URL must be on the portal's own address."] });

        var redirectUri = $"{http.Request.Scheme}://{http.Request.Host}{CallbackPath}";
        try
        {
            var (url, expires) = await flow.StartAsync(connection, http.User.UserId(), redirectUri, request?.ReturnUrl, http.Actor(), ct);
            return TypedResults.Ok(new StartResponse(url, expires));
        }
        catch (ProviderNotConfiguredException ex)
        {
            return TypedResults.Problem(title: "Provider not configured", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static async Task<IResult> Callback(HttpContext http, ConnectionOAuthFlow flow, CancellationToken ct,
        string? code = null, string? state = null, string? realmId = null, string? error = null)
    {
        var result = await flow.CompleteAsync(state, code, realmId, error, ct);
        if (result.ReturnUrl is { } returnUrl)
        {
            var outcome = result.NeedsOrganisationChoice ? "choose_organisation" : result.Succeeded ? "connected" : "error";
            var separator = returnUrl.Contains('?') ? '&' : '?';
            return TypedResults.Redirect($"{returnUrl}{separator}connection={result.ConnectionId}&result={outcome}&message={Uri.EscapeDataString(result.Detail)}");
        }
        return result.Succeeded
            ? TypedResults.Ok(new CallbackResponse(result.ConnectionId, result.Title, result.Detail, result.NeedsOrganisationChoice))
            : TypedResults.Problem(title: result.Title, detail: result.Detail, statusCode: StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<TokenStatus>, NotFound>> Token(Guid id, HubDbContext db, CancellationToken ct) =>
        await db.Connections.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new TokenStatus(c.AccessTokenExpiresAt, c.RefreshTokenExpiresAt, c.TokenRefreshedAt, c.Scopes, c.CredentialVersion))
            .FirstOrDefaultAsync(ct) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound();

    private static async Task<Results<Ok<TokenStatus>, NotFound, ProblemHttpResult>> Refresh(Guid id, HubDbContext db, AccessTokens tokens, CancellationToken ct)
    {
        if (!await db.Connections.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        try
        {
            await tokens.ForceRefreshAsync(id, ct);
        }
        catch (ConnectionUnavailableException ex)
        {
            return TypedResults.Problem(title: "Connection unavailable", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
        return await Token(id, db, ct) is { Result: Ok<TokenStatus> ok } ? ok : TypedResults.NotFound();
    }
}
