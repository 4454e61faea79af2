using System.Text.Json;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Unified records: both sides of every entity, their links and their version history.</summary>
public static class RecordEndpoints
{
    public const int MaxQueryLength = 200;

    public sealed record RecordResponse(Guid Id, string Entity, string Side, Guid? ConnectionId, string ExternalId, int Version, string Hash,
        JsonDocument Data, DateTimeOffset? SourceUpdatedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt);
    public sealed record LinkResponse(Guid Id, Guid ConnectionId, string Entity, string HostId, string RemoteId, string? LastPushedHash,
        DateTimeOffset? LastPushedAt, string? LastPulledHash, DateTimeOffset? LastPulledAt, JsonDocument? Base, string? LastError, DateTimeOffset CreatedAt);
    public sealed record VersionResponse(long Id, int Version, string Kind, string Origin, JsonDocument Snapshot, JsonDocument Diff, string Hash,
        Guid? SyncRunId, int? MappingVersion, DateTimeOffset CreatedAt);
    public sealed record RecordDetailResponse(RecordResponse Record, IReadOnlyList<LinkResponse> Links, VersionResponse? LatestVersion);

    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/records").WithTags("Records");
        group.MapGet("/", List).WithName("ListRecords").RequireAuthorization(TenantAccess.Read)
            .WithSummary("Records of both sides; filter by entity, side (host|external), connection, text (q: external id or content), update time and deleted (true: tombstones only, false: live only).");
        group.MapGet("/{recordId:guid}", Get).WithName("GetRecord").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{recordId:guid}/versions", Versions).WithName("ListRecordVersions").RequireAuthorization(TenantAccess.Read);
        api.MapGet("/connections/{id:guid}/links", Links).WithTags("Records").WithName("ListConnectionLinks").RequireAuthorization(TenantAccess.Read);
        return api;
    }

    private static async Task<Results<Ok<PagedResult<RecordResponse>>, ValidationProblem>> List(HubDbContext db, CancellationToken ct,
        string? entity = null, string? side = null, Guid? connectionId = null, string? q = null, DateTimeOffset? updatedSince = null, bool? deleted = null, int? page = null, int? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        string? canonical = null;
        if (entity is not null && (canonical = CanonicalRecordInput.Entity(entity)) is null) errors["entity"] = [RecordWriteEndpoints.UnknownEntityMessage(entity)];
        RecordSide? recordSide = side?.ToLowerInvariant() switch
        {
            null => null,
            "host" => RecordSide.Host,
            "external" => RecordSide.External,
            _ => null,
        };
        if (side is not null && recordSide is null) errors["side"] = ["'side' must be 'host' or 'external'."];
        if (q is { Length: > MaxQueryLength }) errors["q"] = [$"'q' must be at most {MaxQueryLength} characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = string.IsNullOrWhiteSpace(q) ? db.Records.AsNoTracking() : Search(db, q.Trim());
        if (canonical is not null) query = query.Where(r => r.Entity == canonical);
        if (recordSide is not null) query = query.Where(r => r.Side == recordSide);
        if (connectionId is not null) query = query.Where(r => r.ConnectionId == connectionId);
        if (updatedSince is not null) query = query.Where(r => r.UpdatedAt >= updatedSince);
        if (deleted is not null) query = deleted.Value ? query.Where(r => r.DeletedAt != null) : query.Where(r => r.DeletedAt == null);

        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<RecordResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    /// <summary>Case-insensitive substring match on the external id or the record's JSON text; the term is a bound parameter with LIKE wildcards escaped.</summary>
    private static IQueryable<SyncRecord> Search(HubDbContext db, string term)
    {
        var pattern = "%" + term.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
        return db.Records.FromSql($"SELECT * FROM records WHERE external_id ILIKE {pattern} OR data::text ILIKE {pattern}").AsNoTracking();
    }

    private static async Task<Results<Ok<RecordDetailResponse>, NotFound>> Get(Guid recordId, HubDbContext db, CancellationToken ct)
    {
        var record = await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null) return TypedResults.NotFound();
        var links = record.Side == RecordSide.Host
            ? db.RecordLinks.Where(l => l.Entity == record.Entity && l.HostId == record.ExternalId)
            : db.RecordLinks.Where(l => l.ConnectionId == record.ConnectionId && l.Entity == record.Entity && l.RemoteId == record.ExternalId);
        var linkRows = await links.AsNoTracking().OrderBy(l => l.CreatedAt).ToListAsync(ct);
        var latest = await db.RecordVersions.AsNoTracking().Where(v => v.RecordId == recordId).OrderByDescending(v => v.Version).ThenByDescending(v => v.Id).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(new RecordDetailResponse(ToResponse(record), linkRows.Select(ToResponse).ToList(), latest is null ? null : ToResponse(latest)));
    }

    private static async Task<Results<Ok<PagedResult<VersionResponse>>, NotFound>> Versions(Guid recordId, HubDbContext db, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        if (!await db.Records.AnyAsync(r => r.Id == recordId, ct)) return TypedResults.NotFound();
        var query = db.RecordVersions.AsNoTracking().Where(v => v.RecordId == recordId);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(v => v.Version).ThenByDescending(v => v.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<VersionResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<PagedResult<LinkResponse>>, NotFound, ValidationProblem>> Links(Guid id, HubDbContext db, CancellationToken ct,
        string? entity = null, int? page = null, int? pageSize = null)
    {
        string? canonical = null;
        if (entity is not null && (canonical = CanonicalRecordInput.Entity(entity)) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entity"] = [RecordWriteEndpoints.UnknownEntityMessage(entity)] });
        if (!await db.Connections.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var query = db.RecordLinks.AsNoTracking().Where(l => l.ConnectionId == id);
        if (canonical is not null) query = query.Where(l => l.Entity == canonical);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(l => l.Entity).ThenBy(l => l.HostId).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<LinkResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    internal static RecordResponse ToResponse(SyncRecord r) =>
        new(r.Id, r.Entity, r.Side.ToString().ToLowerInvariant(), r.ConnectionId, r.ExternalId, r.Version, r.Hash, r.Data, r.SourceUpdatedAt, r.CreatedAt, r.UpdatedAt, r.DeletedAt);

    private static LinkResponse ToResponse(RecordLink l) =>
        new(l.Id, l.ConnectionId, l.Entity, l.HostId, l.RemoteId, l.LastPushedHash, l.LastPushedAt, l.LastPulledHash, l.LastPulledAt, l.Base, l.LastError, l.CreatedAt);

    private static VersionResponse ToResponse(RecordVersion v) =>
        new(v.Id, v.Version, v.Kind.ToString().ToLowerInvariant(), v.Origin.ToString(), v.Snapshot, v.Diff, v.Hash, v.SyncRunId, v.MappingVersion, v.CreatedAt);
}
