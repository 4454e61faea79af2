using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Api.Endpoints;

/// <summary>The host app pushes its records over HTTP: written by hash into the host side, then pushed to every outbound connection.</summary>
public static class RecordWriteEndpoints
{
    public const string IdempotencySource = "api";
    public const int MaxIdempotencyKeyLength = 150;

    public sealed record RecordWriteResponse(Guid Id, string Entity, string ExternalId, int Version, string Hash, bool Changed, string? Change,
        bool Deleted, IReadOnlyList<Guid> PushRunIds, bool Replayed = false);

    public static RouteGroupBuilder MapRecordWriteEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/records").WithTags("Records");
        group.MapPost("/{entity}", Write).WithName("WriteHostRecord").RequireAuthorization(TenantAccess.Write)
            .WithSummary("Creates or updates a host-app record (canonical JSON with an 'id'); unchanged content writes nothing. Optional Idempotency-Key header.");
        group.MapDelete("/{entity}/{id}", Delete).WithName("DeleteHostRecord").RequireAuthorization(TenantAccess.Write)
            .WithSummary("Tombstones a host-app record; the deletion is versioned and announced like any change.");
        return api;
    }

    private static async Task<Results<Created<RecordWriteResponse>, Ok<RecordWriteResponse>, ValidationProblem, ProblemHttpResult>> Write(
        string entity, HttpContext http, HubDbContext db, HostRecordIntake intake, CancellationToken ct,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey = null)
    {
        if (CanonicalRecordInput.Entity(entity) is not { } canonical) return UnknownEntity(entity);
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl)))
            return Invalid("Idempotency-Key", $"The Idempotency-Key header must be 1 to {MaxIdempotencyKeyLength} printable characters.");
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Invalid("body", $"The body is not valid JSON: {ex.Message}");
        }
        if (CanonicalRecordInput.Validate(body) is { } error) return Invalid(error.StartsWith("must", StringComparison.Ordinal) ? "body" : "id", "The record " + error);

        var tenantId = http.User.TenantId()!.Value;
        var (hostId, data) = CanonicalRecordInput.Split((JsonObject)body!);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                if (idempotencyKey is not null)
                {
                    var dedupeKey = $"{tenantId:N}:{idempotencyKey}";
                    var requestHash = CanonicalJson.Hash(new JsonObject { ["entity"] = canonical, ["record"] = body!.DeepClone() });
                    if (await db.InboxEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Source == IdempotencySource && e.DedupeKey == dedupeKey, ct) is { } earlier)
                        return await ReplayAsync(earlier, requestHash, db, ct);
                    db.InboxEvents.Add(new InboxEvent
                    {
                        Source = IdempotencySource, DedupeKey = dedupeKey, TenantId = tenantId, Type = $"record.{canonical}",
                        Payload = JsonSerializer.SerializeToDocument(new { requestHash, entity = canonical, id = hostId }),
                        Status = InboxStatus.Processed, Attempts = 1, ProcessedAt = DateTimeOffset.UtcNow,
                    });
                }
                var change = await intake.WriteAsync(tenantId, canonical, hostId, (JsonObject)data.DeepClone(), ChangeOrigin.Api, deleted: false, ct);
                await db.SaveChangesAsync(ct);
                var runs = change.Kind is null ? [] : await intake.RequestPushesAsync(tenantId, canonical, SyncTrigger.HostEvent, ct);
                var response = ToResponse(change.Record, change.Kind, runs);
                return change.Kind == ChangeKind.Created
                    ? TypedResults.Created($"/api/v1/records/{change.Record.Id}", response)
                    : (Results<Created<RecordWriteResponse>, Ok<RecordWriteResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(response);
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(title: "Concurrent request", statusCode: StatusCodes.Status409Conflict,
                detail: "Another request with the same Idempotency-Key or record id was being written at the same time; retry it.");
        }
    }

    private static async Task<Results<Created<RecordWriteResponse>, Ok<RecordWriteResponse>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        InboxEvent earlier, string requestHash, HubDbContext db, CancellationToken ct)
    {
        var payload = earlier.Payload.RootElement;
        if (payload.GetProperty("requestHash").GetString() != requestHash)
            return TypedResults.Problem(title: "Idempotency-Key reused", statusCode: StatusCodes.Status409Conflict,
                detail: "This Idempotency-Key was already used for a different request; use a new key for a new request.");
        var entity = payload.GetProperty("entity").GetString()!;
        var id = payload.GetProperty("id").GetString()!;
        var record = await db.Records.AsNoTracking().FirstAsync(r => r.ConnectionId == null && r.Entity == entity && r.ExternalId == id, ct);
        return TypedResults.Ok(ToResponse(record, null, []) with { Replayed = true });
    }

    private static async Task<Results<Ok<RecordWriteResponse>, NotFound, ValidationProblem>> Delete(
        string entity, string id, HttpContext http, HubDbContext db, HostRecordIntake intake, CancellationToken ct)
    {
        if (CanonicalRecordInput.Entity(entity) is not { } canonical)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entity"] = [UnknownEntityMessage(entity)] });
        if (id.Length > CanonicalRecordInput.MaxIdLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'id' must be at most {CanonicalRecordInput.MaxIdLength} characters."] });
        var record = await db.Records.AsNoTracking().FirstOrDefaultAsync(r => r.ConnectionId == null && r.Entity == canonical && r.ExternalId == id, ct);
        if (record is null) return TypedResults.NotFound();

        var tenantId = http.User.TenantId()!.Value;
        var data = JsonNode.Parse(record.Data.RootElement.GetRawText()) as JsonObject ?? [];
        return await db.InTransactionAsync(async () =>
        {
            var change = await intake.WriteAsync(tenantId, canonical, id, (JsonObject)data.DeepClone(), ChangeOrigin.Api, deleted: true, ct);
            await db.SaveChangesAsync(ct);
            var runs = change.Kind is null ? [] : await intake.RequestPushesAsync(tenantId, canonical, SyncTrigger.HostEvent, ct);
            return (Results<Ok<RecordWriteResponse>, NotFound, ValidationProblem>)TypedResults.Ok(ToResponse(change.Record, change.Kind, runs));
        }, ct);
    }

    private static RecordWriteResponse ToResponse(SyncRecord record, ChangeKind? kind, IReadOnlyList<Guid> runs) =>
        new(record.Id, record.Entity, record.ExternalId, record.Version, record.Hash, kind is not null,
            kind?.ToString().ToLowerInvariant(), record.DeletedAt is not null, runs);

    internal static string UnknownEntityMessage(string entity) =>
        $"Unknown entity '{(entity.Length <= 60 ? entity : entity[..60] + "…")}'. Known: {string.Join(", ", CanonicalEntities.All)}.";

    private static ValidationProblem UnknownEntity(string entity) => Invalid("entity", UnknownEntityMessage(entity));

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
