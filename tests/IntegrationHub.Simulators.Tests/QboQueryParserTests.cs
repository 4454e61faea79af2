using IntegrationHub.Simulators.Qbo;

namespace IntegrationHub.Simulators.Tests;

public class QboQueryParserTests
{
    [Fact]
    public void Parses_the_incremental_sync_query()
    {
        var q = QboQueryParser.Parse("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2024-01-01T00:00:00-08:00' ORDERBY MetaData.LastUpdatedTime STARTPOSITION 101 MAXRESULTS 100");
        Assert.Equal("Invoice", q.Entity);
        Assert.False(q.Count);
        var c = Assert.Single(q.Conditions);
        Assert.Equal(("MetaData.LastUpdatedTime", QboOperator.Gt, "2024-01-01T00:00:00-08:00"), (c.Field, c.Operator, c.Values[0]));
        Assert.Equal("MetaData.LastUpdatedTime", q.OrderBy);
        Assert.Equal((101, 100), (q.StartPosition, q.MaxResults));
    }

    [Fact]
    public void Parses_count_in_and_escaped_quotes()
    {
        Assert.True(QboQueryParser.Parse("select count(*) from Customer").Count);
        var q = QboQueryParser.Parse("select * from Customer where Id in ('1', '2','3') and DisplayName = 'Amy\\'s Bird Sanctuary' order by Id desc");
        Assert.Equal(["1", "2", "3"], q.Conditions[0].Values);
        Assert.Equal("Amy's Bird Sanctuary", q.Conditions[1].Values[0]);
        Assert.True(q.Descending);
    }

    [Fact]
    public void Caps_maxresults_at_1000_and_defaults_to_100()
    {
        Assert.Equal(1000, QboQueryParser.Parse("SELECT * FROM Item MAXRESULTS 5000").MaxResults);
        Assert.Equal(100, QboQueryParser.Parse("SELECT * FROM Item").MaxResults);
    }

    [Theory]
    [InlineData("SELEC * FROM Invoice")]
    [InlineData("SELECT * FROM")]
    [InlineData("SELECT * FROM Invoice WHERE Id = ")]
    [InlineData("SELECT * FROM Invoice WHERE Name = 'unterminated")]
    [InlineData("SELECT * FROM Invoice STARTPOSITION 0")]
    [InlineData("SELECT * FROM Invoice GARBAGE")]
    public void Rejects_malformed_queries(string text) => Assert.Throws<QboQueryException>(() => QboQueryParser.Parse(text));
}
