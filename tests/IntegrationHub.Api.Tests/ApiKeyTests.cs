using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_key_is_shown_once_works_at_once_and_stops_working_when_revoked()
    {
        var tenant = await factory.CreateTenantAsync();
        var created = await tenant.Owner().PostAsJsonAsync("/api/v1/api-keys", new { name = "Billing sync", scopes = new[] { "read", "write" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("key").GetString()!;
        var prefix = body.GetProperty("prefix").GetString()!;
        Assert.StartsWith(prefix + "_", key);

        var list = await tenant.Owner().GetStringAsync("/api/v1/api-keys", Ct);
        Assert.Contains(prefix, list);
        Assert.DoesNotContain(key, list);
        Assert.DoesNotContain(key[(prefix.Length + 1)..], list);

        Assert.Equal(HttpStatusCode.OK, (await factory.ClientWithKey(key).GetAsync("/api/v1/tenant", Ct)).StatusCode);
        var id = body.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner().DeleteAsync($"/api/v1/api-keys/{id}", Ct)).StatusCode);
        await HttpAssert.ProblemAsync(await factory.ClientWithKey(key).GetAsync("/api/v1/tenant", Ct), 401);

        var listed = await tenant.Owner().GetFromJsonAsync<JsonElement>($"/api/v1/api-keys/{id}", Ct);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Creation_and_revocation_are_audited_without_the_secret()
    {
        var tenant = await factory.CreateTenantAsync();
        var created = await tenant.Owner().PostAsJsonAsync("/api/v1/api-keys", new { name = "Audited", scopes = new[] { "read" } }, Ct);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        await tenant.Owner().DeleteAsync($"/api/v1/api-keys/{body.GetProperty("id").GetString()}", Ct);

        await using var db = factory.Database.CreateContext();
        var events = await db.AuditEvents.Where(e => e.TenantId == tenant.Id).OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.ApiKeyCreated, AuditActions.ApiKeyRevoked], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(tenant.OwnerId.ToString(), e.ActorId));
        var secret = body.GetProperty("key").GetString()!;
        Assert.All(events, e => Assert.DoesNotContain(secret, e.Data?.RootElement.GetRawText() ?? ""));

        var audit = await tenant.Admin().GetFromJsonAsync<JsonElement>("/api/v1/audit?action=api_key.", Ct);
        Assert.Equal(2, audit.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Revoking_twice_is_harmless_and_audited_once()
    {
        var tenant = await factory.CreateTenantAsync();
        var body = await (await tenant.Admin().PostAsJsonAsync("/api/v1/api-keys", new { name = "twice", scopes = new[] { "read" } }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin().DeleteAsync($"/api/v1/api-keys/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin().DeleteAsync($"/api/v1/api-keys/{id}", Ct)).StatusCode);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.TenantId == tenant.Id && e.Action == AuditActions.ApiKeyRevoked, Ct));
    }
}
