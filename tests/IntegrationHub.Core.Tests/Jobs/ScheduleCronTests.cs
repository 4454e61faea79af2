using Cronos;
using IntegrationHub.Core.Jobs;

namespace IntegrationHub.Core.Tests.Jobs;

public class ScheduleCronTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(360)]
    [InlineData(720)]
    [InlineData(1440)]
    public void Even_intervals_become_cron_that_fires_at_exactly_that_interval(int minutes)
    {
        foreach (var key in new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.Empty })
        {
            var (cron, error) = ScheduleCron.FromInterval(minutes, key);
            Assert.Null(error);
            var expression = CronExpression.Parse(cron!);
            var from = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            var fires = expression.GetOccurrences(from, from.AddDays(2)).ToList();
            Assert.All(fires.Zip(fires.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(minutes), pair.Second - pair.First));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(300)]
    [InlineData(1441)]
    public void Uneven_or_out_of_range_intervals_are_refused(int minutes) =>
        Assert.NotNull(ScheduleCron.FromInterval(minutes, Guid.NewGuid()).Error);

    [Fact]
    public void Connections_are_spread_over_the_interval()
    {
        var crons = Enumerable.Range(0, 50).Select(_ => ScheduleCron.FromInterval(60, Guid.NewGuid()).Cron).Distinct().Count();
        Assert.True(crons > 10, $"only {crons} distinct minutes");
    }

    [Theory]
    [InlineData("*/15 * * * *", true)]
    [InlineData("30 2 * * 1-5", true)]
    [InlineData("0 0 1 1 *", true)]
    [InlineData("61 * * * *", false)]
    [InlineData("* * * * * *", false)]
    [InlineData("every day", false)]
    [InlineData("0 0 30 2 *", false)]
    public void Cron_expressions_are_checked(string cron, bool valid) => Assert.Equal(valid, ScheduleCron.ValidateCron(cron) is null);
}
