using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Sync.Tests.Unit;

/// <summary>When a pull refreshes the record store's planner statistics: at 5,000, 20,000, 80,000… created records, once each.</summary>
public sealed class StoreStatisticsTests
{
    [Theory]
    [InlineData(0, 4_999, false)]
    [InlineData(4_000, 5_000, true)]
    [InlineData(5_000, 6_000, false)]
    [InlineData(19_000, 20_000, true)]
    [InlineData(20_000, 79_999, false)]
    [InlineData(79_000, 81_000, true)]
    [InlineData(0, 100_000, true)]
    [InlineData(320_000, 320_000, false)]
    public void Refreshes_when_a_threshold_is_passed(int before, int after, bool expected) =>
        Assert.Equal(expected, StoreStatistics.Crossed(before, after));

    [Fact]
    public void A_first_sync_of_a_million_records_in_pages_of_1000_refreshes_four_times()
    {
        var refreshes = 0;
        for (var created = 0; created < 1_000_000; created += 1_000)
            if (StoreStatistics.Crossed(created, created + 1_000)) refreshes++;
        Assert.Equal(4, refreshes); // 5,000, 20,000, 80,000 and 320,000
    }
}
