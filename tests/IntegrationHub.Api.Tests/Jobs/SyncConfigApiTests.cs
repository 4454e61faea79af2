using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>The sync configuration API: validation against the connector metadata, schedules applied and removed, manual sync, roles.</summary>
public class SyncConfigApiTests(JobsApiFactory factory) : IClassFixture<JobsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SyncSchedules Schedules => factory.Services.GetRequiredService<SyncSchedules>();

    public static TheoryData<string, object, string> InvalidConfigs() => new()
    {
        { "Vendor", new { }, "entity" },
        { "Account", new { direction = "outbound" }, "direction" },
        { "Customer", new { direction = "sideways" }, "direction" },
        { "Customer", new { intervalMinutes = 0 }, "intervalMinutes" },
        { "Customer", new { intervalMinutes = 1441 }, "intervalMinutes" },
        { "Customer", new { intervalMinutes = 7 }, "intervalMinutes" },
        { "Customer", new { cron = "61 * * * *" }, "cron" },
        { "Customer", new { cron = "*/5 * * * * *" }, "cron" },
        { "Customer", new { conflictPolicy = "coinFlip" }, "conflictPolicy" },
        { "Customer", new { conflictPolicy = "3" }, "conflictPolicy" },
        { "Customer", new { mergeFallback = "fieldMerge" }, "mergeFallback" },
        { "Customer", new { deletePolicy = "shred" }, "deletePolicy" },
        { "Customer", new { fieldPolicies = new Dictionary<string, string> { ["email"] = "loudest" } }, "fieldPolicies.email" },
        { "Customer", new { deleteThresholdPercent = 150 }, "deleteThresholdPercent" },
        { "Customer", new { deleteThresholdPercent = -1 }, "deleteThresholdPercent" },
        { "Customer", new { lookbackMinutes = 2000 }, "lookbackMinutes" },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public async Task Invalid_configs_are_refused_with_a_problem_naming_the_field(string entity, object body, string field)
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        var problem = await HttpAssert.ProblemAsync(await tenant.Admin().PutAsJsonAsync($"/api/v1/connections/{connection}/sync-configs/{entity}", body, Ct), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), problem.GetRawText());
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Empty(Schedules.ForConnection(connection));
    }

    [Fact]
    public async Task Saving_disabling_and_deleting_a_config_applies_and_removes_its_schedule()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        var admin = tenant.Admin();
        var url = $"/api/v1/connections/{connection}/sync-configs";

        var saved = await admin.PutAsJsonAsync($"{url}/customer", new
        {
            direction = "both", intervalMinutes = 15, conflictPolicy = "field_merge", mergeFallback = "hostWins",
            fieldPolicies = new Dictionary<string, string> { ["email"] = "externalWins" }, deleteThresholdPercent = 25, lookbackMinutes = 10,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var config = await saved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Customer", config.GetProperty("entity").GetString());
        Assert.Equal("both", config.GetProperty("direction").GetString());
        Assert.Equal("fieldMerge", config.GetProperty("conflictPolicy").GetString());
        Assert.Matches(@"^\d+-59/15 \* \* \* \*$", config.GetProperty("schedule").GetString());
        Assert.NotEqual(JsonValueKind.Null, config.GetProperty("nextRunAt").ValueKind);
        var schedule = Assert.Single(Schedules.ForConnection(connection));
        Assert.Equal(SyncSchedules.JobId(connection, "Customer"), schedule.Id);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{url}/Invoice", new { cron = "30 2 * * 1-5" }, Ct)).StatusCode);
        Assert.Equal("30 2 * * 1-5", Schedules.ForConnection(connection).Single(j => j.Id.EndsWith(":Invoice")).Cron);
        var list = await tenant.Reader().GetFromJsonAsync<JsonElement>(url, Ct);
        Assert.Equal(["Customer", "Invoice"], list.EnumerateArray().Select(c => c.GetProperty("entity").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{url}/Invoice", new { enabled = false }, Ct)).StatusCode);
        Assert.DoesNotContain(Schedules.ForConnection(connection), j => j.Id.EndsWith(":Invoice"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{url}/Customer", Ct)).StatusCode);
        Assert.Empty(Schedules.ForConnection(connection));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"{url}/Customer", Ct)).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=sync_config.", Ct);
        Assert.Equal(4, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Viewers_read_configs_but_only_admins_change_them()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        var url = $"/api/v1/connections/{connection}/sync-configs";
        Assert.Equal(HttpStatusCode.OK, (await tenant.Reader().GetAsync(url, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PutAsJsonAsync($"{url}/Customer", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PostAsJsonAsync($"/api/v1/connections/{connection}/sync", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Admin().GetAsync($"/api/v1/connections/{Guid.NewGuid()}/sync-configs", Ct)).StatusCode);
    }

    [Fact]
    public async Task Sync_now_queues_a_run_on_an_active_connection_and_refuses_others()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = tenant.Admin();
        var pending = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Pending);
        var problem = await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/connections/{pending}/sync", new { entities = new[] { "Customer" } }, Ct), 409);
        Assert.Contains("pending", problem.GetProperty("detail").GetString());

        var active = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/connections/{active}/sync", new { }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/connections/{active}/sync", new { mode = "sideways" }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/connections/{active}/sync", new { entities = new[] { "Spaceship" } }, Ct), 400);

        var accepted = await admin.PostAsJsonAsync($"/api/v1/connections/{active}/sync", new { entities = new[] { "invoice", "customer" }, mode = "full" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var run = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("queued", run.GetProperty("status").GetString());
        Assert.Equal("full", run.GetProperty("kind").GetString());
        Assert.Equal(["Customer", "Invoice"], run.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("jobId").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/connections/{active}/sync-configs/Item", new { }, Ct)).StatusCode);
        var all = await (await admin.PostAsJsonAsync($"/api/v1/connections/{active}/sync", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["Item"], all.GetProperty("entities").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task Disconnecting_a_connection_removes_all_of_its_schedules()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        foreach (var entity in new[] { "Customer", "Invoice" })
            Assert.Equal(HttpStatusCode.OK, (await tenant.Admin().PutAsJsonAsync($"/api/v1/connections/{connection}/sync-configs/{entity}", new { }, Ct)).StatusCode);
        Assert.Equal(2, Schedules.ForConnection(connection).Count);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Admin().PostAsync($"/api/v1/connections/{connection}/disconnect", null, Ct)).StatusCode);
        Assert.Empty(Schedules.ForConnection(connection));
    }
}

/// <summary>The Api alone (no worker): enqueueing, schedules and the dashboard.</summary>
public class JobsApiFactory : ApiFactory
{
    public async Task<Guid> ConnectionAsync(Guid tenantId, ConnectionStatus status)
    {
        await using var db = Database.CreateContext(tenantId);
        var connection = new Connection { Provider = "xero", Environment = "simulator", DisplayName = "Xero books", Status = status };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }
}
