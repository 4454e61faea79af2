using Microsoft.AspNetCore.Http.HttpResults;
using System.Diagnostics;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.RateLimiting;
using IntegrationHub.Simulators.Seeding;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Webhooks;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Control;

public sealed record CompanyRequest(string? Id, string Name, string? Currency);

/// <summary>Control API for tests and demos: state, reset, companies and organisations, seeding.</summary>
public static class ControlEndpoints
{
    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/control");
        control.MapGet("/state", (QboStore qbo, XeroStore xero, RateLimitSettings limits) => TypedResults.Ok(new
        {
            qbo = qbo.All.Select(c => new { realmId = c.RealmId, name = c.Name, counts = Counts(c.Gate, c.Tables) }),
            xero = xero.All.Select(o => new { tenantId = o.TenantId, name = o.Name, currency = o.BaseCurrency, counts = Counts(o.Gate, o.Tables) }),
            rateLimits = new { enabled = limits.Enabled, scale = limits.Scale },
        }));
        control.MapPost("/reset", (bool? seedDemo, QboStore qbo, XeroStore xero, Seeder seeder, RequestLog log, FaultInjection faults,
            RateLimiter limiter, WebhookDeliveries deliveries, [FromKeyedServices(Vendor.Qbo)] TokenService qboTokens,
            [FromKeyedServices(Vendor.Xero)] TokenService xeroTokens) =>
        {
            qbo.Clear();
            xero.Clear();
            qboTokens.Import(new TokenState());
            xeroTokens.Import(new TokenState());
            log.Clear();
            faults.Clear();
            limiter.Reset();
            deliveries.Clear();
            if (seedDemo ?? false) seeder.SeedDemo();
            return TypedResults.NoContent();
        });
        control.MapPost("/qbo/companies", (CompanyRequest request, QboStore store) =>
        {
            var company = store.Create(request.Id, request.Name);
            return TypedResults.Ok(new { realmId = company.RealmId, name = company.Name });
        });
        control.MapPost("/xero/organisations", (CompanyRequest request, XeroStore store) =>
        {
            var org = store.Create(request.Id, request.Name, request.Currency ?? "NZD");
            return TypedResults.Ok(new { tenantId = org.TenantId, name = org.Name, currency = org.BaseCurrency });
        });
        control.MapPost("/qbo/companies/{realmId}/seed", Results<Ok<SeedResult>, NotFound> (string realmId, SeedRequest request, QboStore store, Seeder seeder) =>
        {
            if (store.Find(realmId) is not { } company) return TypedResults.NotFound();
            var started = Stopwatch.GetTimestamp();
            seeder.Qbo(company, request);
            return TypedResults.Ok(new SeedResult(Counts(company.Gate, company.Tables), Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        });
        control.MapPost("/xero/organisations/{tenantId}/seed", Results<Ok<SeedResult>, NotFound> (string tenantId, SeedRequest request, XeroStore store, Seeder seeder) =>
        {
            if (store.Find(tenantId) is not { } org) return TypedResults.NotFound();
            var started = Stopwatch.GetTimestamp();
            seeder.Xero(org, request);
            return TypedResults.Ok(new SeedResult(Counts(org.Gate, org.Tables), Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        });
        app.MapControlData();
        app.MapControlFaults();
        app.MapControlAuth();
    }

    public sealed record SeedResult(Dictionary<string, int> Counts, double ElapsedMs);

    private static Dictionary<string, int> Counts(Lock gate, Dictionary<string, EntityTable> tables)
    {
        lock (gate) return tables.ToDictionary(t => t.Key, t => t.Value.LiveCount);
    }
}
