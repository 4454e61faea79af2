using System.Net;
using System.Text.Json;
using IntegrationHub.Core.Records;
using IntegrationHub.Testing;

namespace IntegrationHub.Api.Tests;

/// <summary>The records browser's tombstone filter: deleted=true lists only tombstones, deleted=false only live records, neither lists both.</summary>
public class RecordDeletedFilterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deleted_filter_separates_tombstones_from_live_records()
    {
        var tenant = await factory.CreateTenantAsync();
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            var gone = RecordSeed.Record(tenant.Id, null, CanonicalEntities.Customer, "gone", """{"name":"Gone Ltd"}""");
            gone.DeletedAt = DateTimeOffset.UtcNow;
            db.Records.AddRange(gone, RecordSeed.Record(tenant.Id, null, CanonicalEntities.Customer, "live", """{"name":"Live Ltd"}"""));
            await db.SaveChangesAsync(Ct);
        }
        var reader = tenant.Reader();
        async Task<string[]> IdsAsync(string query)
        {
            var response = await reader.GetAsync("/api/v1/records?entity=customer" + query, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            return [.. JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!).Order()];
        }

        Assert.Equal(["gone"], await IdsAsync("&deleted=true"));
        Assert.Equal(["live"], await IdsAsync("&deleted=false"));
        Assert.Equal(["gone", "live"], await IdsAsync(""));
        Assert.Equal(400, (int)(await reader.GetAsync("/api/v1/records?deleted=maybe", Ct)).StatusCode);
    }
}
