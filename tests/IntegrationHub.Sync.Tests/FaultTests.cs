using System.Net.Http.Json;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Sync.Tests;

/// <summary>Provider faults in the middle of a run, through the real engine against the simulator's /control faults.</summary>
public sealed class FaultTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task Bursts_of_5xx_and_429_are_retried_and_the_run_completes_with_its_waits_counted()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(45, Ct);
        var control = fixture.Control();
        (await control.PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Error", count = 2, pathContains = "/query", statusCode = 503 }, Ct)).EnsureSuccessStatusCode();
        (await control.PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Error", count = 1, pathContains = "/query", statusCode = 500 }, Ct)).EnsureSuccessStatusCode();
        (await control.PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "RateLimit", count = 3, pathContains = "/query" }, Ct)).EnsureSuccessStatusCode();

        // Three 5xx in a row (within the engine's three transient retries), then three 429s, all on the first page.
        var (run, error) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(45, run.Counts[Customer].Created);
        Assert.Equal(0, run.Counts[Customer].Failed);
        Assert.True(run.RateLimitWaitMs > 0, $"RateLimitWaitMs was {run.RateLimitWaitMs}");
        Assert.Empty((await control.GetFromJsonAsync<List<object>>("/control/faults", Ct))!);
        await RecordStoreAssertions.EachRemoteStoredOnceAsync(qbo, Customer, 45);
    }
}
