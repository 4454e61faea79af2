using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Mapping;

/// <summary>Applies draft rules to the latest records of the entity in both directions and returns what they would produce; writes nothing.</summary>
internal static class MappingPreview
{
    public const int MaxLimit = 50;

    public sealed record PreviewRequest(List<MappingRule>? Rules, int? Limit);
    public sealed record OutboundSample(string HostId, JsonObject Canonical, JsonObject RawPatch, IReadOnlyList<MappingError> Errors);
    public sealed record InboundSample(string RemoteId, JsonObject Record, IReadOnlyList<MappingError> Errors);
    public sealed record PreviewResponse(int RuleCount, IReadOnlyList<OutboundSample> Outbound, IReadOnlyList<InboundSample> Inbound);

    public static async Task<IResult> Preview(Guid id, string entity, PreviewRequest request, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var (connection, connector, failure) = await MappingEndpoints.FindAsync(id, entity, db, mappings, ct);
        if (failure is not null) return failure;
        var limit = request.Limit ?? 10;
        if (limit is < 1 or > MaxLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        var mapping = await mappings.LoadAsync(connection!, connector!, entity, ct);
        var tenantRules = request.Rules ?? [.. mapping.TenantRules];
        var (compiled, errors) = MappingCompiler.Compile(mapping.EffectiveWith(tenantRules), mapping.Context);
        if (compiled is null) return MappingEndpoints.RuleProblem(MappingEndpoints.Reindex(errors, mapping, tenantRules));

        var hostRecords = await db.Records.AsNoTracking()
            .Where(r => r.Side == RecordSide.Host && r.ConnectionId == null && r.Entity == entity && r.DeletedAt == null)
            .OrderByDescending(r => r.UpdatedAt).Take(limit).Select(r => new { r.ExternalId, r.Data }).ToListAsync(ct);
        var externalRecords = await db.Records.AsNoTracking()
            .Where(r => r.ConnectionId == id && r.Entity == entity && r.DeletedAt == null)
            .OrderByDescending(r => r.UpdatedAt).Take(limit).Select(r => new { r.ExternalId, r.Data, r.Raw }).ToListAsync(ct);

        var outbound = hostRecords.Select(r =>
        {
            var result = MappingEngine.Outbound(compiled, Parse(r.Data)!);
            return new OutboundSample(r.ExternalId, result.Canonical, result.RawPatch, result.Errors);
        }).ToList();
        var inbound = externalRecords.Select(r =>
        {
            var result = MappingEngine.Inbound(compiled, Parse(r.Data)!, Parse(r.Raw));
            return new InboundSample(r.ExternalId, result.Record, result.Errors);
        }).ToList();
        return TypedResults.Ok(new PreviewResponse(compiled.RuleCount, outbound, inbound));
    }

    private static JsonObject? Parse(System.Text.Json.JsonDocument? document) =>
        document is null ? null : JsonNode.Parse(document.RootElement.GetRawText()) as JsonObject ?? new JsonObject();
}
