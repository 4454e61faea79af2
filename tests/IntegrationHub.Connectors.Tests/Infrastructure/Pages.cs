using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

public static class Pages
{
    /// <summary>Follows page tokens to the end of a feed, as the engine does; returns every record, the final cursor and the page count.</summary>
    public static async Task<(List<RemoteRecord> Records, string Cursor, int Pages)> DrainAsync(
        ISyncConnector connector, ConnectorContext context, string entity, SyncMode mode, string? cursor = null, DateTimeOffset? since = null)
    {
        var records = new List<RemoteRecord>();
        string? token = null;
        var pages = 0;
        while (true)
        {
            var page = await connector.ListAsync(context, entity, mode, new SyncPosition(cursor, token, since), TestContext.Current.CancellationToken);
            pages++;
            records.AddRange(page.Records);
            if (page.NextPageToken is null) return (records, page.NextCursor!, pages);
            Assert.True(pages < 1000, "the feed never ends");
            token = page.NextPageToken;
        }
    }
}
