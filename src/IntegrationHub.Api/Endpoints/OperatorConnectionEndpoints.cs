using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Operators watch every tenant's connections in one place: health, token expiry and how many are in each status.</summary>
public static class OperatorConnectionEndpoints
{
    public sealed record OperatorConnection(Guid Id, Guid TenantId, string TenantName, string Provider, string ProviderName, string Environment,
        string DisplayName, string Status, string? StatusReason, string? ExternalTenantName, DateTimeOffset? AccessTokenExpiresAt,
        DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? ConnectedAt, DateTimeOffset? LastTestedAt, bool? LastTestSucceeded, string? LastTestMessage);

    /// <summary>Counts cover every connection on the platform (all statuses, all providers), whatever page or filter is shown.</summary>
    public sealed record OperatorConnectionPage(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OperatorConnection> Items, int Page, int PageSize, int Total);

    public static RouteGroupBuilder MapOperatorConnectionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/admin/connections").WithTags("Operator").RequireAuthorization(TenantAccess.Operator)
            .MapGet("/", List).WithName("ListAllConnections")
            .WithSummary("Every tenant's connections with their health, newest problems first; filter by status and provider.");
        return api;
    }

    private static async Task<Results<Ok<OperatorConnectionPage>, ValidationProblem>> List(HubDbContext db, ConnectorCatalog catalog, CancellationToken ct,
        string? status = null, string? provider = null, int? page = null, int? pageSize = null)
    {
        ConnectionStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            wanted = Enum.GetValues<ConnectionStatus>().Cast<ConnectionStatus?>().FirstOrDefault(s => ConnectionEndpoints.StatusName(s!.Value) == status);
            if (wanted is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"Unknown status '{status}'. Known: {string.Join(", ", Enum.GetValues<ConnectionStatus>().Select(ConnectionEndpoints.StatusName))}."],
                });
        }

        // Operators cross tenants by design: the tenant filter is lifted here, and only here, for connections.
        var all = db.Connections.IgnoreQueryFilters().AsNoTracking();
        var counts = await all.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var query = all;
        if (wanted is { } s) query = query.Where(c => c.Status == s);
        if (!string.IsNullOrWhiteSpace(provider)) query = query.Where(c => c.Provider == provider);

        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        // Problems first (error, needs re-authorisation, failing tests), then the rest by tenant and name.
        var rows = await query
            .OrderBy(c => c.Status == ConnectionStatus.Error ? 0 : c.Status == ConnectionStatus.NeedsReauth ? 1 : c.LastTestSucceeded == false ? 2 : 3)
            .ThenBy(c => db.Tenants.Where(t => t.Id == c.TenantId).Select(t => t.Name).FirstOrDefault()).ThenBy(c => c.DisplayName).ThenBy(c => c.Id)
            .Skip((p - 1) * size).Take(size)
            .Select(c => new { Connection = c, TenantName = db.Tenants.Where(t => t.Id == c.TenantId).Select(t => t.Name).FirstOrDefault() })
            .ToListAsync(ct);

        var items = rows.Select(r => new OperatorConnection(r.Connection.Id, r.Connection.TenantId, r.TenantName ?? "", r.Connection.Provider,
            catalog.Find(r.Connection.Provider)?.Name ?? r.Connection.Provider, r.Connection.Environment, r.Connection.DisplayName,
            ConnectionEndpoints.StatusName(r.Connection.Status), r.Connection.StatusReason, r.Connection.ExternalTenantName, r.Connection.AccessTokenExpiresAt,
            r.Connection.RefreshTokenExpiresAt, r.Connection.ConnectedAt, r.Connection.LastTestedAt, r.Connection.LastTestSucceeded, r.Connection.LastTestMessage)).ToList();
        var countsByName = Enum.GetValues<ConnectionStatus>().ToDictionary(ConnectionEndpoints.StatusName, st => counts.FirstOrDefault(c => c.Key == st)?.Count ?? 0);
        return TypedResults.Ok(new OperatorConnectionPage(countsByName, items, p, size, total));
    }
}
