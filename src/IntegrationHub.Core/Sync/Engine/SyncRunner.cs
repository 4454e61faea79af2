using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// The job body of a sync run: loads the run, enters its tenant, checks the connection, then per entity (in
/// <see cref="CanonicalEntities.SyncOrder"/>) pulls (incremental or full) and pushes as the entity's direction allows,
/// and closes the run with its status, counts and a sync_run.* event. A failure marks the run Failed with a clear
/// message and is rethrown as a <see cref="ConnectorException"/> for the queue; a cancelled run is left as it is and
/// resumes from its checkpoints when the queue runs it again. Time spent waiting for rate budget inside the run is
/// measured by a <see cref="RateLimitWaitScope"/> and added to SyncRun.RateLimitWaitMs at every commit.
/// </summary>
public sealed class SyncRunner(
    HubDbContext db, TenantContext tenant, IEnumerable<ISyncConnector> connectors, ConnectionHttp http,
    InboundSync inbound, OutboundPush outbound, MappingService mappings, RunUnitOfWork unit, TimeProvider clock, ILogger<SyncRunner> logger) : ISyncRunExecutor
{
    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.SyncRuns.IgnoreQueryFilters().SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new ConnectorException(ErrorClass.Permanent, $"Sync run {runId} does not exist.");
        tenant.Enter(run.TenantId);
        if (run.Status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors or SyncRunStatus.Cancelled)
        {
            logger.LogInformation("Sync run {RunId} is already {Status}; nothing to do", run.Id, run.Status);
            return;
        }
        using var waits = RateLimitWaitScope.Begin();
        unit.TrackWaits(waits);
        try
        {
            var state = await PrepareAsync(run, ct);
            run.Status = SyncRunStatus.Running;
            run.StartedAt ??= clock.GetUtcNow();
            run.Error = null;
            run.FinishedAt = null;
            await unit.CommitAsync(run, null, ct);

            foreach (var entity in await EntitiesAsync(run, ct))
            {
                var direction = state.Config(entity).Direction;
                state.Counts(entity);
                if (run.Kind != SyncRunKind.Push && direction.HasFlag(SyncDirection.Inbound)) await inbound.RunAsync(state, entity, ct);
                if (direction.HasFlag(SyncDirection.Outbound)) await outbound.RunAsync(state, entity, ct);
            }
            await CompleteAsync(run, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = Classify(e);
            await FailAsync(run.Id, error);
            if (ReferenceEquals(error, e)) throw;
            throw error;
        }
    }

    /// <summary>What the queue needs to decide: connector errors as they are, a connection gone unusable mid-run as Auth, the rest retryable.</summary>
    private static ConnectorException Classify(Exception e) => e switch
    {
        ConnectorException c => c,
        ConnectionUnavailableException u => new ConnectorException(u.Status == ConnectionStatus.NeedsReauth ? ErrorClass.Auth : ErrorClass.Permanent, u.Message, u),
        ProviderNotConfiguredException p => new ConnectorException(ErrorClass.Permanent, p.Message, p),
        _ => new ConnectorException(ErrorClass.Transient, $"The sync run stopped: {Describe(e)}", e),
    };

    /// <summary>The exception and, when it only wraps another (EF's "see the inner exception"), the innermost cause too.</summary>
    private static string Describe(Exception e) =>
        e.GetBaseException() is var cause && !ReferenceEquals(cause, e) ? $"{e.GetType().Name}: {e.Message} ({cause.GetType().Name}: {cause.Message})" : $"{e.GetType().Name}: {e.Message}";

    private async Task<RunState> PrepareAsync(SyncRun run, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(c => c.Id == run.ConnectionId, ct)
            ?? throw new ConnectorException(ErrorClass.Permanent, $"Connection {run.ConnectionId} does not exist.");
        if (connection.Status != ConnectionStatus.Active)
            throw new ConnectorException(connection.Status == ConnectionStatus.NeedsReauth ? ErrorClass.Auth : ErrorClass.Permanent,
                $"Connection '{connection.DisplayName}' is {connection.Status}, not Active" + (connection.StatusReason is { } reason ? $": {reason}" : "."));
        var connector = connectors.FirstOrDefault(c => c.Key == connection.Provider)
            ?? throw new ConnectorException(ErrorClass.Permanent, $"No sync connector is registered for provider '{connection.Provider}'.");
        var configs = await db.SyncConfigs.AsNoTracking().Where(c => c.ConnectionId == connection.Id).ToDictionaryAsync(c => c.Entity, ct);
        return new RunState(run, connection, connector, new ConnectorContext(connection, http, clock), configs)
        {
            LoadMapping = (entity, token) => MappingAsync(connection, entity, token),
        };
    }

    /// <summary>The tenant's active mapping of the entity, compiled once per run (on first use); no saved mapping leaves the records as the connector maps them.</summary>
    private async Task<RunMapping> MappingAsync(Connection connection, string entity, CancellationToken ct)
    {
        if (mappings.Connector(connection) is null) return RunMapping.None;
        var (compiled, version, errors) = await mappings.CompileActiveAsync(connection, entity, ct);
        if (version is null) return RunMapping.None;
        return compiled is not null ? new RunMapping(compiled, version, null)
            : new RunMapping(null, version, $"Field mapping version {version} does not compile: " + string.Join("; ", errors.Select(e => $"rules[{e.Index}].{e.Field}: {e.Message}")));
    }

    /// <summary>The requested entities, or every enabled configured entity; dependencies first.</summary>
    private async Task<IReadOnlyList<string>> EntitiesAsync(SyncRun run, CancellationToken ct)
    {
        var entities = run.Entities.Length > 0 ? run.Entities
            : await db.SyncConfigs.AsNoTracking().Where(c => c.ConnectionId == run.ConnectionId && c.Enabled).Select(c => c.Entity).ToArrayAsync(ct);
        return [.. entities.Distinct(StringComparer.Ordinal).OrderBy(Order).ThenBy(e => e, StringComparer.Ordinal)];
    }

    private static int Order(string entity)
    {
        var index = CanonicalEntities.SyncOrder.ToList().IndexOf(entity);
        return index < 0 ? int.MaxValue : index;
    }

    private async Task CompleteAsync(SyncRun run, CancellationToken ct)
    {
        run.Status = run.Counts.Values.Any(c => c.Failed > 0) ? SyncRunStatus.CompletedWithErrors : SyncRunStatus.Succeeded;
        run.FinishedAt = clock.GetUtcNow();
        db.Emit(run.TenantId, EventTypes.SyncRunCompleted, Summary(run));
        await unit.CommitAsync(run, null, ct);
        logger.LogInformation("Sync run {RunId} {Status}: {Processed} records, {Pages} pages, {RateLimitWaitMs} ms rate-limit wait",
            run.Id, run.Status, run.Processed, run.Pages, run.RateLimitWaitMs);
    }

    /// <summary>Records the failure on a fresh copy of the run: whatever the failed step left uncommitted is dropped.</summary>
    private async Task FailAsync(Guid runId, ConnectorException error)
    {
        await unit.ResetAsync();
        var run = await db.SyncRuns.IgnoreQueryFilters().SingleAsync(r => r.Id == runId, CancellationToken.None);
        run.Status = SyncRunStatus.Failed;
        run.Error = error.Message.Length > 4000 ? error.Message[..4000] : error.Message;
        run.FinishedAt = clock.GetUtcNow();
        unit.FoldWaits(run);
        db.Emit(run.TenantId, EventTypes.SyncRunFailed, Summary(run) with { Error = run.Error, ErrorClass = error.Class.ToString() });
        await unit.CommitAsync(run, null, CancellationToken.None);
        logger.LogWarning("Sync run {RunId} failed ({ErrorClass}): {Error}", run.Id, error.Class, run.Error);
    }

    private static RunSummary Summary(SyncRun run) => new(run.Id, run.ConnectionId, run.Kind.ToString(), run.Trigger.ToString(), run.Status.ToString(),
        run.Counts, run.Pages, run.Processed, run.RateLimitWaitMs, run.DurationMs, null, null);

    private sealed record RunSummary(Guid RunId, Guid ConnectionId, string Kind, string Trigger, string Status,
        Dictionary<string, EntityCounts> Counts, int Pages, int Processed, long RateLimitWaitMs, long? DurationMs, string? Error, string? ErrorClass);
}
