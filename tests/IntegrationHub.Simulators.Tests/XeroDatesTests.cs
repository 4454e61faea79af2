using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Tests;

public class XeroDatesTests
{
    [Fact]
    public void Formats_ms_json_dates_and_date_strings()
    {
        var instant = DateTimeOffset.FromUnixTimeMilliseconds(1552524583429);
        Assert.Equal("/Date(1552524583429+0000)/", XeroDates.ToJson(instant));
        Assert.Equal("2019-03-14T00:49:43", XeroDates.DateString(instant));
        Assert.Equal("2019-03-14T00:49:43Z", XeroDates.UtcString(instant));
    }

    [Theory]
    [InlineData("/Date(1552524583429+0000)/", 1552524583429)]
    [InlineData("/Date(1552524583429)/", 1552524583429)]
    [InlineData("2019-03-11", 1552262400000)]
    [InlineData("2019-03-11T00:00:00", 1552262400000)]
    public void Parses_the_formats_clients_send(string text, long expectedMs)
    {
        Assert.True(XeroDates.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Rejects_garbage() => Assert.False(XeroDates.TryParse("next tuesday", out _));
}
