using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Mapping;

/// <summary>Field mappings per connection and entity: read, validate, preview, save (new version + targeted re-sync), history, rollback.</summary>
public static class MappingEndpoints
{
    public sealed record MappingResponse(Guid ConnectionId, string Provider, string Entity, int? ActiveVersion,
        IReadOnlyList<MappingRule> DefaultRules, IReadOnlyList<MappingRule> TenantRules, IReadOnlyList<MappingRule> EffectiveRules);
    public sealed record RulesRequest(List<MappingRule>? Rules);
    public sealed record ValidationResponse(bool Valid, IReadOnlyList<RuleError> Errors);
    public sealed record SaveResponse(int Version, int RecordsChecked, int AffectedRecords, IReadOnlyList<string> AffectedHostIds,
        Guid? SyncRunId, string Message);
    public sealed record VersionResponse(int Version, bool IsActive, string CreatedBy, DateTimeOffset CreatedAt, int RuleCount, int? RestoredFromVersion);

    public static RouteGroupBuilder MapMappingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections/{id:guid}/mappings/{entity}").WithTags("Mappings");
        group.MapGet("/", Get).WithName("GetMapping").RequireAuthorization(TenantAccess.Read);
        group.MapPut("/", Save).WithName("SaveMapping").RequireAuthorization(TenantAccess.Admin);
        group.MapPost("/validate", Validate).WithName("ValidateMapping").RequireAuthorization(TenantAccess.Write);
        group.MapPost("/preview", MappingPreview.Preview).WithName("PreviewMapping").RequireAuthorization(TenantAccess.Write);
        group.MapGet("/versions", Versions).WithName("ListMappingVersions").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/rollback/{version:int}", Rollback).WithName("RollbackMapping").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    /// <summary>The connection (tenant-filtered: another tenant's is simply not found) and its connector, or why not.</summary>
    internal static async Task<(Connection? Connection, ConnectorMetadata? Connector, IResult? Failure)> FindAsync(Guid id, string entity, HubDbContext db,
        MappingService mappings, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return (null, null, TypedResults.NotFound());
        var connector = mappings.Connector(connection);
        if (connector is null || !connector.Entities.Any(e => e.Canonical == entity))
            return (null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["entity"] = [$"{connector?.Name ?? connection.Provider} has no entity '{entity}'. Known: {string.Join(", ", connector?.Entities.Select(e => e.Canonical) ?? [])}."],
            }));
        return (connection, connector, null);
    }

    internal static ValidationProblem RuleProblem(IReadOnlyList<RuleError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => $"rules[{e.Index}].{e.Field}").ToDictionary(g => g.Key, g => g.Select(Describe).ToArray()),
            detail: $"{errors.Count} problem(s) in the mapping rules.",
            extensions: new Dictionary<string, object?> { ["ruleErrors"] = errors });

    private static string Describe(RuleError e) => e.Line is { } line ? $"{e.Message} (line {line}, column {e.Column})" : e.Message;

    private static async Task<IResult> Get(Guid id, string entity, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (connection, connector, failure) = await FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        var mapping = await mappings.LoadAsync(connection!, connector!, entity, ct);
        return TypedResults.Ok(new MappingResponse(id, connector!.Key, entity, mapping.ActiveVersion, mapping.Defaults, mapping.TenantRules, mapping.Effective));
    }

    private static async Task<IResult> Validate(Guid id, string entity, RulesRequest request, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (connection, connector, failure) = await FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        if (request.Rules is null) return MissingRules();
        var mapping = await mappings.LoadAsync(connection!, connector!, entity, ct);
        var (_, errors) = MappingCompiler.Compile(mapping.EffectiveWith(request.Rules), mapping.Context);
        return TypedResults.Ok(new ValidationResponse(errors.Count == 0, Reindex(errors, mapping, request.Rules)));
    }

    /// <summary>Errors are found on the effective list; report them against the tenant's own rule list they came from.</summary>
    internal static IReadOnlyList<RuleError> Reindex(IReadOnlyList<RuleError> errors, EntityMapping mapping, IReadOnlyList<MappingRule> tenantRules)
    {
        var effective = mapping.EffectiveWith(tenantRules);
        return errors.Select(e =>
        {
            var rule = e.Index < effective.Count ? effective[e.Index] : null;
            var own = rule is null ? -1 : tenantRules.ToList().FindIndex(r => ReferenceEquals(r, rule));
            return own >= 0 ? e with { Index = own } : e with { Index = -1, Message = $"Default rule for '{rule?.Key}': {e.Message}" };
        }).ToList();
    }

    internal static ValidationProblem MissingRules() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = ["The rules array is required (it may be empty)."] });

    private static async Task<IResult> Save(Guid id, string entity, RulesRequest request, HttpContext http, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (connection, connector, failure) = await FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        if (request.Rules is null) return MissingRules();
        return await MappingVersions.SaveAsync(connection!, connector!, entity, request.Rules, null, http, db, mappings, ct);
    }

    private static async Task<IResult> Rollback(Guid id, string entity, int version, HttpContext http, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (connection, connector, failure) = await FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        var old = await db.FieldMappings.AsNoTracking().FirstOrDefaultAsync(m => m.ConnectionId == id && m.Entity == entity && m.Version == version, ct);
        if (old is null) return TypedResults.NotFound();
        return await MappingVersions.SaveAsync(connection!, connector!, entity, MappingJson.FromDocument(old.Rules), version, http, db, mappings, ct);
    }

    private static async Task<IResult> Versions(Guid id, string entity, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (_, _, failure) = await FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        var versions = await db.FieldMappings.AsNoTracking().Where(m => m.ConnectionId == id && m.Entity == entity)
            .OrderByDescending(m => m.Version).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionResponse(v.Version, v.IsActive, v.CreatedBy, v.CreatedAt,
            v.Rules.RootElement.GetArrayLength(), v.RestoredFromVersion)).ToList());
    }
}
