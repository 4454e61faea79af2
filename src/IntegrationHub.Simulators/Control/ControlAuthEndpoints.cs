using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Webhooks;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Control;

public sealed record RevokeRequest(string Vendor, string? ClientId, string? Tenant);

public sealed record IssueRequest(string Vendor, string ClientId, List<string> Tenants, string? Scope);

public sealed record SnapshotRequest(string? Path);

/// <summary>Apps, tokens, webhook subscriptions and snapshots.</summary>
public static class ControlAuthEndpoints
{
    public static void MapControlAuth(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/control");
        control.MapGet("/apps/{vendor}", (string vendor, AppRegistry apps) =>
            Parse(vendor) is { } v ? Results.Ok(apps.All(v).Select(a => new { a.ClientId, a.RedirectUris, a.WebhookUrl, a.WebhookFormat })) : Results.NotFound());
        control.MapPost("/apps/{vendor}", async (string vendor, AppRegistration registration, AppRegistry apps, XeroSubscriptions subscriptions, CancellationToken ct) =>
        {
            if (Parse(vendor) is not { } v) return Results.NotFound();
            apps.Register(v, registration);
            // A new or changed Xero webhook URL triggers intent-to-receive, as in Xero's developer portal.
            var status = v == Vendor.Xero && !string.IsNullOrEmpty(registration.WebhookUrl)
                ? (await subscriptions.HandshakeAsync(registration, ct)).ToString()
                : null;
            return Results.Ok(new { registration.ClientId, webhookStatus = status });
        });

        control.MapPost("/tokens/revoke", (RevokeRequest request, IServiceProvider sp) =>
        {
            if (Parse(request.Vendor) is not { } v) return Results.NotFound();
            var tokens = sp.GetRequiredKeyedService<TokenService>(v);
            var revoked = tokens.RevokeWhere(g => (request.ClientId is null || g.ClientId == request.ClientId)
                && (request.Tenant is null || g.Tenants.Contains(request.Tenant, StringComparer.OrdinalIgnoreCase)));
            return Results.Ok(new { revoked });
        });
        // Skips the browser consent for tests and benchmarks; the issued tokens are the same kind.
        control.MapPost("/tokens/issue", (IssueRequest request, IServiceProvider sp, AppRegistry apps) =>
        {
            if (Parse(request.Vendor) is not { } v || apps.Find(v, request.ClientId) is not { } registered) return Results.NotFound();
            var tokens = sp.GetRequiredKeyedService<TokenService>(v);
            var scope = request.Scope ?? (v == Vendor.Qbo ? "com.intuit.quickbooks.accounting" : "offline_access accounting.transactions accounting.contacts accounting.settings");
            var code = tokens.IssueCode(registered.ClientId, "urn:control", scope, request.Tenants, null, null);
            var issued = tokens.RedeemCode(code, registered.ClientId, "urn:control", null);
            return Results.Ok(new { access_token = issued.AccessToken, refresh_token = issued.RefreshToken, expires_in = (long)issued.AccessLifetime.TotalSeconds });
        });

        control.MapGet("/webhooks", (XeroSubscriptions subscriptions, WebhookDeliveries deliveries, int? limit) => Results.Ok(new
        {
            xeroSubscriptions = subscriptions.All.ToDictionary(p => p.Key, p => new { status = p.Value.Status.ToString(), p.Value.FailingSince, p.Value.LastError, p.Value.NextSequence }),
            deliveries = deliveries.Recent(Math.Clamp(limit ?? 100, 1, 5_000)),
        }));
        control.MapPost("/webhooks/xero/{clientId}/handshake", async (string clientId, AppRegistry apps, XeroSubscriptions subscriptions, CancellationToken ct) =>
            apps.Find(Vendor.Xero, clientId) is { } registered
                ? Results.Ok(new { status = (await subscriptions.HandshakeAsync(registered, ct)).ToString() })
                : Results.NotFound());
        control.MapDelete("/webhooks/deliveries", (WebhookDeliveries deliveries) =>
        {
            deliveries.Clear();
            return Results.NoContent();
        });

        control.MapPost("/snapshot", async (SnapshotRequest? request, SnapshotService snapshots, IOptions<SimulatorOptions> options, CancellationToken ct) =>
        {
            var path = request?.Path ?? options.Value.SnapshotPath;
            if (string.IsNullOrWhiteSpace(path)) return Results.BadRequest(new { error = "No path given and Simulators:SnapshotPath is not set" });
            await snapshots.SaveAsync(path, ct);
            return Results.Ok(new { path });
        });
        control.MapPost("/snapshot/load", async (SnapshotRequest? request, SnapshotService snapshots, IOptions<SimulatorOptions> options, CancellationToken ct) =>
        {
            var path = request?.Path ?? options.Value.SnapshotPath;
            if (string.IsNullOrWhiteSpace(path)) return Results.BadRequest(new { error = "No path given and Simulators:SnapshotPath is not set" });
            return await snapshots.LoadAsync(path, ct) ? Results.Ok(new { path }) : Results.NotFound();
        });
    }

    private static Vendor? Parse(string vendor) => vendor.ToLowerInvariant() switch
    {
        "qbo" or "quickbooks" => Vendor.Qbo,
        "xero" => Vendor.Xero,
        _ => null,
    };
}
