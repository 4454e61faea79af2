using System.ComponentModel.DataAnnotations;
using System.Net;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Outbound webhook subscriptions: CRUD, and secret rotation (the new secret is shown once, in that response only).</summary>
public static class WebhookEndpointEndpoints
{
    public sealed record EndpointResponse(Guid Id, string Url, string? Description, string[] EventTypes, bool Enabled, string? DisabledReason,
        bool Ordered, int? RateLimitPerSecond, DateTimeOffset? PreviousSecretUntil, DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
    public sealed record CreatedEndpointResponse(EndpointResponse Endpoint, string Secret);
    public sealed record RotatedSecretResponse(string Secret, DateTimeOffset? PreviousSecretUntil);
    public sealed record CreateEndpointRequest(
        [property: Required, StringLength(2048, MinimumLength = 1)] string Url,
        [property: StringLength(500)] string? Description,
        [property: Required, MinLength(1)] string[] EventTypes,
        bool? Ordered, [property: Range(1, 10000)] int? RateLimitPerSecond);
    public sealed record UpdateEndpointRequest(
        [property: StringLength(2048, MinimumLength = 1)] string? Url,
        [property: StringLength(500)] string? Description,
        string[]? EventTypes, bool? Enabled, bool? Ordered, [property: Range(0, 10000)] int? RateLimitPerSecond);

    public static RouteGroupBuilder MapWebhookEndpointEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/webhook-endpoints").WithTags("Webhooks");
        group.MapGet("/", List).WithName("ListWebhookEndpoints").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetWebhookEndpoint").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/", Create).WithName("CreateWebhookEndpoint").RequireAuthorization(TenantAccess.Admin);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateWebhookEndpoint").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("Change URL, filters, description, ordering or rate limit; enabled=true re-enables a disabled endpoint. rateLimitPerSecond=0 removes the limit.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhookEndpoint").RequireAuthorization(TenantAccess.Admin);
        group.MapPost("/{id:guid}/rotate-secret", Rotate).WithName("RotateWebhookSecret").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("A new whsec_ secret, shown once; the previous one keeps signing (space-separated signatures) during the overlap.");
        return api;
    }

    public static EndpointResponse ToResponse(WebhookEndpoint e) => new(e.Id, e.Url, e.Description, e.EventTypes, e.Enabled, e.DisabledReason,
        e.Ordered, e.RateLimitPerSecond, e.PreviousSecretUntil, e.FailingSince, e.CreatedAt, e.UpdatedAt);

    private static async Task<Ok<List<EndpointResponse>>> List(HubDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.CreatedAt).ToListAsync(ct)).Select(ToResponse).ToList());

    private static async Task<Results<Ok<EndpointResponse>, NotFound>> Get(Guid id, HubDbContext db, CancellationToken ct) =>
        await db.WebhookEndpoints.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e ? TypedResults.Ok(ToResponse(e)) : TypedResults.NotFound();

    private static async Task<Results<Created<CreatedEndpointResponse>, ValidationProblem>> Create(CreateEndpointRequest request, HttpContext http,
        HubDbContext db, ISecretStore secrets, IOptions<DeliveryOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (Validate(request.Url, request.EventTypes, options.Value) is { } problem) return problem;
        var now = clock.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            TenantId = http.User.TenantId() ?? Guid.Empty, Url = request.Url.Trim(), Description = request.Description?.Trim(), EventTypes = request.EventTypes.Distinct().ToArray(),
            Ordered = request.Ordered ?? false, RateLimitPerSecond = request.RateLimitPerSecond, CreatedAt = now, UpdatedAt = now,
        };
        var secret = await EndpointSecrets.RotateAsync(secrets, endpoint, now, options.Value.RotationOverlap, ct);
        db.WebhookEndpoints.Add(endpoint);
        db.Audit(endpoint.TenantId, "webhook_endpoint.created", http.Actor(), "webhook_endpoint", endpoint.Id.ToString(), new { endpoint.Url, endpoint.EventTypes });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/webhook-endpoints/{endpoint.Id}", new CreatedEndpointResponse(ToResponse(endpoint), secret));
    }

    private static async Task<Results<Ok<EndpointResponse>, NotFound, ValidationProblem>> Update(Guid id, UpdateEndpointRequest request, HttpContext http,
        HubDbContext db, IOptions<DeliveryOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return TypedResults.NotFound();
        if (Validate(request.Url ?? endpoint.Url, request.EventTypes ?? endpoint.EventTypes, options.Value) is { } problem) return problem;
        if (request.Url is not null) endpoint.Url = request.Url.Trim();
        if (request.Description is not null) endpoint.Description = request.Description.Trim();
        if (request.EventTypes is not null) endpoint.EventTypes = request.EventTypes.Distinct().ToArray();
        if (request.Ordered is { } ordered) endpoint.Ordered = ordered;
        if (request.RateLimitPerSecond is { } rate) endpoint.RateLimitPerSecond = rate == 0 ? null : rate;
        if (request.Enabled is { } enabled && enabled != endpoint.Enabled)
        {
            endpoint.Enabled = enabled;
            endpoint.DisabledReason = enabled ? null : "Disabled by a user.";
            endpoint.FailingSince = null;
        }
        endpoint.UpdatedAt = clock.GetUtcNow();
        db.Audit(endpoint.TenantId, "webhook_endpoint.updated", http.Actor(), "webhook_endpoint", endpoint.Id.ToString(), new { endpoint.Url, endpoint.EventTypes, endpoint.Enabled });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(endpoint));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, HttpContext http, HubDbContext db, ISecretStore secrets, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return TypedResults.NotFound();
        db.WebhookEndpoints.Remove(endpoint);
        db.Audit(endpoint.TenantId, "webhook_endpoint.deleted", http.Actor(), "webhook_endpoint", endpoint.Id.ToString(), new { endpoint.Url });
        await db.SaveChangesAsync(ct);
        await secrets.DeleteAsync(endpoint.SecretName, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<RotatedSecretResponse>, NotFound>> Rotate(Guid id, HttpContext http, HubDbContext db, ISecretStore secrets,
        IOptions<DeliveryOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (endpoint is null) return TypedResults.NotFound();
        var secret = await EndpointSecrets.RotateAsync(secrets, endpoint, clock.GetUtcNow(), options.Value.RotationOverlap, ct);
        db.Audit(endpoint.TenantId, "webhook_endpoint.secret_rotated", http.Actor(), "webhook_endpoint", endpoint.Id.ToString(), new { endpoint.PreviousSecretUntil });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RotatedSecretResponse(secret, endpoint.PreviousSecretUntil));
    }

    /// <summary>Absolute http(s) URL (https only in production), no literal blocked address, valid filters. DNS is checked at delivery time.</summary>
    private static ValidationProblem? Validate(string url, string[] eventTypes, DeliveryOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
            errors["url"] = ["Must be an absolute http(s) URL without credentials."];
        else if (options.RequireHttps && uri.Scheme != Uri.UriSchemeHttps)
            errors["url"] = ["Must be https."];
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && !new SsrfGuard(options.AllowedNetworks).IsAllowed(address))
            errors["url"] = ["Must not point at a loopback, private, link-local or metadata address."];
        var badFilters = eventTypes.Select(f => (f, EventTypeFilter.Validate(f))).Where(x => x.Item2 is not null).ToList();
        if (eventTypes.Length == 0) errors["eventTypes"] = ["At least one event type or pattern (\"record.*\", \"*\")."];
        else if (badFilters.Count > 0) errors["eventTypes"] = [.. badFilters.Select(x => $"'{x.f}' {x.Item2}.")];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
