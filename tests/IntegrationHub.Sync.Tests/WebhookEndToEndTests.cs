using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// Webhook-triggered sync end to end, per vendor: a change made at the simulator is announced with a signed webhook to
/// the real WebhookReceiver, stored in the inbox, turned into a webhook-triggered run by the SyncWorker's inbox worker,
/// and executed by its job server, whose connector fetches the change (under the rate budget) into the record store.
/// The same delivery posted again is acknowledged and processed once.
/// </summary>
public sealed class WebhookEndToEndTests(WebhookStack stack) : IClassFixture<WebhookStack>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly object Seed = new { seed = 21, customers = 3, items = 0, invoices = 0, payments = 0, chartOfAccounts = false };

    [Fact]
    public async Task A_qbo_change_reaches_the_store_through_the_signed_webhook_and_its_duplicate_is_processed_once()
    {
        var qbo = await stack.Sync.ConnectAsync(0, Ct, seed: Seed);
        await FirstSyncAsync(qbo);
        var remoteId = (await qbo.QueryAsync("SELECT * FROM Customer"))[0]!["Id"]!.GetValue<string>();
        var hostId = (await qbo.LinkByRemoteAsync(CanonicalEntities.Customer, remoteId)).HostId;

        await qbo.PatchAsync("Customer", remoteId, new JsonObject { ["DisplayName"] = "Renamed Via QBO Webhook" });

        await UntilAsync(async () => Name(await qbo.HostAsync(CanonicalEntities.Customer, hostId)) == "Renamed Via QBO Webhook");
        var run = await WebhookRunAsync(qbo);
        Assert.Equal(1, run.Counts[CanonicalEntities.Customer].Updated);
        var body = await DeliveredBodyAsync(WebhookStack.QboClientId, qbo.Realm);
        Assert.Contains(remoteId, body);

        using var duplicate = await PostAsync("/webhooks/quickbooks", body, "intuit-signature", "qbo-dev-verifier-token");

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        await AssertProcessedOnceAsync(qbo, run);
    }

    [Fact]
    public async Task A_xero_change_reaches_the_store_through_the_signed_webhook_and_its_duplicate_is_processed_once()
    {
        var xero = await XeroOrg.ConnectAsync(stack.Sync, Seed, Ct);
        await FirstSyncAsync(xero.Hub);
        var contactId = (await xero.ListAsync("Contacts"))[0]!["ContactID"]!.GetValue<string>();
        var hostId = (await xero.Hub.LinkByRemoteAsync(CanonicalEntities.Customer, contactId)).HostId;

        await xero.PatchAsync("Contacts", contactId, new JsonObject { ["Name"] = "Renamed Via Xero Webhook" });

        await UntilAsync(async () => Name(await xero.Hub.HostAsync(CanonicalEntities.Customer, hostId)) == "Renamed Via Xero Webhook");
        var run = await WebhookRunAsync(xero.Hub);
        Assert.Equal(1, run.Counts[CanonicalEntities.Customer].Updated);
        var body = await DeliveredBodyAsync(WebhookStack.XeroClientId, xero.OrgId);
        Assert.Contains(contactId, body);

        using var duplicate = await PostAsync("/webhooks/xero", body, "x-xero-signature", "xero-dev-webhook-key");

        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        await AssertProcessedOnceAsync(xero.Hub, run);
    }

    /// <summary>The first full sync, queued as the Api queues one and executed by the SyncWorker's job server.</summary>
    private static async Task FirstSyncAsync(TestConnection hub)
    {
        var id = await hub.QueueAsync(SyncRunKind.Full, CanonicalEntities.Customer);
        SyncRun? run = null;
        await UntilAsync(async () =>
        {
            await using var db = hub.Db();
            run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
            return run.Status is SyncRunStatus.Succeeded or SyncRunStatus.Failed or SyncRunStatus.CompletedWithErrors;
        });
        Assert.Equal(SyncRunStatus.Succeeded, run!.Status);
        Assert.Equal(3, run.Counts[CanonicalEntities.Customer].Created);
    }

    /// <summary>The single webhook-triggered run of the connection: incremental, for the changed entity, succeeded.</summary>
    private static async Task<SyncRun> WebhookRunAsync(TestConnection hub)
    {
        await UntilAsync(async () =>
        {
            await using var db = hub.Db();
            return await db.SyncRuns.AnyAsync(r => r.ConnectionId == hub.Id && r.Trigger == SyncTrigger.Webhook && r.Status == SyncRunStatus.Succeeded, Ct);
        });
        await using var read = hub.Db();
        var run = await read.SyncRuns.AsNoTracking().SingleAsync(r => r.ConnectionId == hub.Id && r.Trigger == SyncTrigger.Webhook, Ct);
        Assert.Equal(SyncRunKind.Incremental, run.Kind);
        Assert.Contains(CanonicalEntities.Customer, run.Entities);
        return run;
    }

    /// <summary>The duplicate added no inbox row; after the inbox worker has had time to poll, there is still one webhook run and no other inbox work.</summary>
    private static async Task AssertProcessedOnceAsync(TestConnection hub, SyncRun run)
    {
        await using (var db = hub.Db())
        {
            var inbox = await db.InboxEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.ConnectionId == hub.Id).ToListAsync(Ct);
            var stored = Assert.Single(inbox);
            Assert.Equal(InboxStatus.Processed, stored.Status);
        }
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        await using var after = hub.Db();
        var runs = await after.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == hub.Id && r.Trigger == SyncTrigger.Webhook).ToListAsync(Ct);
        Assert.Equal(run.Id, Assert.Single(runs).Id);
        Assert.Equal(1, await after.InboxEvents.IgnoreQueryFilters().CountAsync(e => e.ConnectionId == hub.Id, Ct));
    }

    /// <summary>The body the simulator delivered (and the receiver accepted with a 2xx) to the hub's app for this company.</summary>
    private async Task<string> DeliveredBodyAsync(string clientId, string company)
    {
        var state = await stack.Sync.Control().GetFromJsonAsync<JsonElement>("/control/webhooks?limit=5000", Ct);
        var delivered = state.GetProperty("deliveries").EnumerateArray()
            .Where(d => d.GetProperty("clientId").GetString() == clientId && d.GetProperty("kind").GetString() == "event")
            .Select(d => (Status: d.GetProperty("status"), Body: d.GetProperty("body").GetString()!))
            .Where(d => d.Body.Contains(company))
            .ToList();
        var accepted = Assert.Single(delivered);
        Assert.Equal(200, accepted.Status.GetInt32());
        return accepted.Body;
    }

    /// <summary>Posts a body signed as the vendor signs it: base64 HMAC-SHA256 of the raw bytes with the webhook key.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, string body, string header, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(header, Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), bytes)));
        return await stack.Receiver.CreateClient().SendAsync(request, Ct);
    }

    private static string? Name(SyncRecord? record) => record is null ? null : TestConnection.Parse(record.Data)["name"]?.GetValue<string>();

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > Deadline) Assert.Fail($"not reached within {Deadline.TotalSeconds} s");
            await Task.Delay(250, Ct);
        }
    }
}
