using IntegrationHub.Core.Persistence;

namespace IntegrationHub.Core.Tests.Persistence;

public sealed class UuidV7Tests
{
    [Fact]
    public void An_id_carries_version_7_the_RFC_variant_and_its_millisecond_in_the_first_48_bits()
    {
        var time = DateTimeOffset.Parse("2026-11-30T08:30:15.123Z", System.Globalization.CultureInfo.InvariantCulture);
        var id = UuidV7.New(time);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var bytes = id.ToByteArray(bigEndian: true);
        var ms = 0L;
        for (var i = 0; i < 6; i++) ms = (ms << 8) | bytes[i];
        Assert.Equal(time.ToUnixTimeMilliseconds(), ms);
        Assert.StartsWith(time.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture)[..8], id.ToString("N"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_lay_out_as_Guid_CreateVersion7_does()
    {
        var time = DateTimeOffset.UtcNow;
        var ours = UuidV7.New(time).ToString("N");
        var framework = Guid.CreateVersion7(time).ToString("N");

        // Same timestamp digits, same version digit; the rest is random.
        Assert.Equal(framework[..12], ours[..12]);
        Assert.Equal(framework[12], ours[12]);
    }

    [Fact]
    public void Ids_are_unique_across_buffer_refills_and_threads_and_order_by_time()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 25_000; i++) ids.Add(UuidV7.New());
        });
        Assert.Equal(100_000, ids.Distinct().Count());

        var earlier = UuidV7.New(DateTimeOffset.UnixEpoch.AddYears(50));
        var later = UuidV7.New(DateTimeOffset.UnixEpoch.AddYears(50).AddMilliseconds(1));
        Assert.True(string.CompareOrdinal(earlier.ToString("N"), later.ToString("N")) < 0);
    }

    [Fact]
    public void A_time_before_1970_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => UuidV7.New(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
}
