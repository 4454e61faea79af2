using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class ApiKeyEndpoints
{
    public sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, Guid? CreatedBy);
    public sealed record CreateApiKeyRequest(
        [property: Required, StringLength(100, MinimumLength = 1)] string Name,
        [property: Required, MinLength(1)] string[] Scopes,
        DateTimeOffset? ExpiresAt);
    /// <summary>The only response that ever contains the key itself.</summary>
    public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Key);

    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys");
        group.MapGet("/", ListKeys).WithName("ListApiKeys").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", GetKey).WithName("GetApiKey").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/", CreateKey).WithName("CreateApiKey").RequireAuthorization(TenantAccess.Admin);
        group.MapDelete("/{id:guid}", RevokeKey).WithName("RevokeApiKey").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static IQueryable<ApiKeyResponse> Project(IQueryable<ApiKey> keys) =>
        keys.Select(k => new ApiKeyResponse(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.CreatedByUserId));

    private static async Task<Ok<List<ApiKeyResponse>>> ListKeys(HubDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Project(db.ApiKeys.OrderByDescending(k => k.CreatedAt)).ToListAsync(ct));

    private static async Task<Results<Ok<ApiKeyResponse>, NotFound>> GetKey(Guid id, HubDbContext db, CancellationToken ct) =>
        await Project(db.ApiKeys.Where(k => k.Id == id)).FirstOrDefaultAsync(ct) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> CreateKey(
        CreateApiKeyRequest request, HttpContext http, HubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var unknown = request.Scopes.Except(ApiScopes.All).ToArray();
        if (unknown.Length > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scopes"] = [$"Unknown scope(s): {string.Join(", ", unknown)}. Allowed: {string.Join(", ", ApiScopes.All)}."] });
        if (request.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["expiresAt"] = ["The expiry must be in the future."] });

        var (key, prefix, hash) = ApiKeyFormat.Generate();
        var apiKey = new ApiKey
        {
            Name = request.Name.Trim(), Prefix = prefix, SecretHash = hash, Scopes = request.Scopes.Distinct().ToArray(),
            ExpiresAt = request.ExpiresAt, CreatedByUserId = http.User.UserId(), CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(apiKey);
        db.Audit(http.User.TenantId(), AuditActions.ApiKeyCreated, http.Actor(), "api_key", apiKey.Id.ToString(),
            new { apiKey.Name, apiKey.Prefix, apiKey.Scopes, apiKey.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/api-keys/{apiKey.Id}",
            new CreatedApiKeyResponse(apiKey.Id, apiKey.Name, prefix, apiKey.Scopes, apiKey.CreatedAt, apiKey.ExpiresAt, key));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeKey(Guid id, HttpContext http, HubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, ct);
        if (key is null) return TypedResults.NotFound();
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            db.Audit(key.TenantId, AuditActions.ApiKeyRevoked, http.Actor(), "api_key", key.Id.ToString(), new { key.Name, key.Prefix });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.NoContent();
    }
}
