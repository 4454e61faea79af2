using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Sync.Tests;

/// <summary>One tenant's QBO connection in a test: run syncs, change the simulator behind the hub's back, act as the host app.</summary>
public sealed class TestConnection(SyncFixture fixture, Guid tenantId, Guid connectionId, string realm, string accessToken)
{
    public Guid TenantId => tenantId;
    public Guid Id => connectionId;
    public string Realm => realm;

    public HubDbContext Db() => fixture.Database.CreateContext(tenantId);

    /// <summary>Queues a run as the scheduler would and executes it as the queue would; returns the run and the exception, if any.</summary>
    public async Task<(SyncRun Run, Exception? Error)> RunAsync(SyncRunKind kind, string entity = CanonicalEntities.Customer, Guid? runId = null)
    {
        var id = runId ?? await QueueAsync(kind, entity);
        Exception? error = null;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            try { await scope.ServiceProvider.GetRequiredService<ISyncRunExecutor>().ExecuteAsync(id, TestContext.Current.CancellationToken); }
            catch (Exception e) { error = e; }
        }
        await using var db = Db();
        return (await db.SyncRuns.SingleAsync(r => r.Id == id), error);
    }

    public async Task<Guid> QueueAsync(SyncRunKind kind, params string[] entities)
    {
        await using var db = Db();
        var run = new SyncRun { TenantId = tenantId, ConnectionId = connectionId, Kind = kind, Trigger = SyncTrigger.Manual, Entities = entities };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public async Task ConfigureAsync(string entity, Action<SyncConfig> configure)
    {
        await using var db = Db();
        var config = await db.SyncConfigs.SingleOrDefaultAsync(c => c.ConnectionId == connectionId && c.Entity == entity);
        if (config is null)
        {
            config = new SyncConfig { ConnectionId = connectionId, Entity = entity };
            db.SyncConfigs.Add(config);
        }
        configure(config);
        await db.SaveChangesAsync();
    }

    /// <summary>The host app writes a record (as the records API would).</summary>
    public async Task WriteHostAsync(string entity, string hostId, JsonObject data, DateTimeOffset? at = null, bool deleted = false)
    {
        await using var db = Db();
        var store = new RecordStore(db, TimeProvider.System);
        await store.ApplyAsync(new RecordWrite(tenantId, null, entity, hostId, data, at ?? DateTimeOffset.UtcNow, Deleted: deleted), new ChangeSource(ChangeOrigin.Api), default);
        await db.SaveChangesAsync();
    }

    public async Task<SyncRecord?> HostAsync(string entity, string hostId)
    {
        await using var db = Db();
        return await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.ConnectionId == null && r.Entity == entity && r.ExternalId == hostId);
    }

    public async Task<RecordLink> LinkByRemoteAsync(string entity, string remoteId)
    {
        await using var db = Db();
        return await db.RecordLinks.AsNoTracking().SingleAsync(l => l.ConnectionId == connectionId && l.Entity == entity && l.RemoteId == remoteId);
    }

    public async Task<RecordLink?> LinkByHostAsync(string entity, string hostId)
    {
        await using var db = Db();
        return await db.RecordLinks.AsNoTracking().SingleOrDefaultAsync(l => l.ConnectionId == connectionId && l.Entity == entity && l.HostId == hostId);
    }

    // --- the provider, behind the hub's back ---

    public async Task<JsonArray> QueryAsync(string query)
    {
        using var client = Qbo();
        var body = await client.GetFromJsonAsync<JsonObject>($"/qbo/v3/company/{realm}/query?query={Uri.EscapeDataString(query)}");
        var response = (JsonObject)body!["QueryResponse"]!;
        return response.Select(p => p.Value).OfType<JsonArray>().FirstOrDefault() ?? [];
    }

    public async Task<int> CountAsync(string table)
    {
        using var client = Qbo();
        var body = await client.GetFromJsonAsync<JsonObject>($"/qbo/v3/company/{realm}/query?query={Uri.EscapeDataString($"SELECT COUNT(*) FROM {table}")}");
        return body!["QueryResponse"]!["totalCount"]!.GetValue<int>();
    }

    /// <summary>A JsonObject, so property names keep QBO's PascalCase.</summary>
    public async Task PatchAsync(string entity, string id, JsonObject patch) =>
        (await fixture.Control().PatchAsJsonAsync($"/control/qbo/companies/{realm}/{entity.ToLowerInvariant()}/{id}", patch)).EnsureSuccessStatusCode();

    public async Task DeleteRemoteAsync(string entity, string id) =>
        (await fixture.Control().DeleteAsync($"/control/qbo/companies/{realm}/{entity.ToLowerInvariant()}/{id}")).EnsureSuccessStatusCode();

    public async Task FaultAsync(string kind, int count, string pathContains = "/query") =>
        (await fixture.Control().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind, count, pathContains, statusCode = 503 })).EnsureSuccessStatusCode();

    /// <summary>A write through the QBO API as another app would make it (create when the body has no Id); returns the stored object.</summary>
    public async Task<JsonObject> PostRemoteAsync(string entity, JsonObject body)
    {
        using var client = Qbo();
        var response = await (await client.PostAsJsonAsync($"/qbo/v3/company/{realm}/{entity.ToLowerInvariant()}", body)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonObject>();
        return (JsonObject)response!.Single(p => p.Key != "time").Value!;
    }

    private HttpClient Qbo()
    {
        var client = fixture.Simulator.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static JsonObject Parse(JsonDocument document) => (JsonObject)JsonNode.Parse(document.RootElement.GetRawText())!;
}
