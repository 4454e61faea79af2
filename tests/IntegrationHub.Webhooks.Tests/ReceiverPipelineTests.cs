using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>The receiver end to end over HTTP: verify on the raw bytes, persist once, acknowledge; every bad request is refused and stores nothing.</summary>
public class ReceiverPipelineTests(ReceiverFactory factory) : IClassFixture<ReceiverFactory>
{
    private const string QboKey = "qbo-dev-verifier-token";
    private const string XeroKey = "xero-dev-webhook-key";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Realm() => Random.Shared.NextInt64(1_000_000_000, 9_999_999_999).ToString();

    private static byte[] QboLegacy(string realm, string entity = "Invoice", string id = "42", string updated = "2026-11-29T10:00:00.000Z") => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["eventNotifications"] = new JsonArray(new JsonObject
        {
            ["realmId"] = realm,
            ["dataChangeEvent"] = new JsonObject { ["entities"] = new JsonArray(new JsonObject { ["name"] = entity, ["id"] = id, ["operation"] = "Update", ["lastUpdated"] = updated }) },
        }),
    }.ToJsonString());

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? header, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        if (header is not null) request.Headers.TryAddWithoutValidation(header, signature);
        return await factory.CreateClient().SendAsync(request, Ct);
    }

    private Task<HttpResponseMessage> PostQboAsync(byte[] body, string? key = QboKey) =>
        PostAsync("/webhooks/quickbooks", body, "intuit-signature", key is null ? null : Signing.B64Hmac(key, body));

    private async Task<List<InboxEvent>> InboxAsync(Guid connectionId)
    {
        await using var db = factory.Database.CreateContext();
        return await db.InboxEvents.IgnoreQueryFilters().Where(e => e.ConnectionId == connectionId).ToListAsync(Ct);
    }

    [Fact]
    public async Task A_good_qbo_notification_is_stored_once_and_acknowledged_and_its_duplicate_is_acknowledged_without_a_second_row()
    {
        var realm = Realm();
        var (tenant, connection) = await factory.ConnectAsync("quickbooks", realm);
        var body = QboLegacy(realm);

        var first = await PostQboAsync(body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var duplicate = await PostQboAsync(body);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);

        var stored = Assert.Single(await InboxAsync(connection));
        Assert.Equal(tenant, stored.TenantId);
        Assert.Equal("quickbooks", stored.Source);
        Assert.Equal(InboxStatus.Received, stored.Status);
        Assert.Equal("qbo.invoice.update", stored.Type);
        Assert.Equal("Invoice", stored.Payload.RootElement.GetProperty("entity").GetString());
        Assert.Equal("42", stored.Payload.RootElement.GetProperty("remoteId").GetString());
    }

    [Fact]
    public async Task Qbo_cloudevents_are_deduped_by_their_id()
    {
        var realm = Realm();
        var (_, connection) = await factory.ConnectAsync("quickbooks", realm);
        JsonObject Event(string id, string entityId) => new()
        {
            ["specversion"] = "1.0", ["id"] = id, ["source"] = "intuit.test", ["type"] = "qbo.customer.updated.v1", ["time"] = "2026-11-29T10:00:00Z",
            ["intuitentityid"] = entityId, ["intuitaccountid"] = realm, ["data"] = new JsonObject(),
        };
        var id = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await PostQboAsync(Encoding.UTF8.GetBytes(new JsonArray(Event(id, "7"), Event(Guid.NewGuid().ToString(), "8")).ToJsonString()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostQboAsync(Encoding.UTF8.GetBytes(new JsonArray(Event(id, "7")).ToJsonString()))).StatusCode);

        var stored = await InboxAsync(connection);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Equal("Customer", e.Payload.RootElement.GetProperty("entity").GetString()));
        Assert.Contains(stored, e => e.DedupeKey.EndsWith(":" + id));
    }

    [Fact]
    public async Task Forged_missing_and_truncated_signatures_get_401_and_store_nothing()
    {
        var realm = Realm();
        var (_, connection) = await factory.ConnectAsync("quickbooks", realm);
        var body = QboLegacy(realm);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostQboAsync(body, "wrong-verifier-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostQboAsync(body, key: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/quickbooks", body, "intuit-signature", Signing.B64Hmac(QboKey, body)[..20])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/quickbooks", body, "intuit-signature", "%%%not-base64%%%")).StatusCode);
        // A body changed after signing (a replay with a tampered payload).
        var tampered = QboLegacy(realm, id: "43");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("/webhooks/quickbooks", tampered, "intuit-signature", Signing.B64Hmac(QboKey, body))).StatusCode);
        Assert.Empty(await InboxAsync(connection));
    }

    [Fact]
    public async Task Signed_but_malformed_bodies_get_400_and_oversized_bodies_413()
    {
        var realm = Realm();
        var (_, connection) = await factory.ConnectAsync("quickbooks", realm);
        foreach (var body in new[] { "not json", "{\"eventNotifications\":[{\"realmId\":\"1\"}]}", "{}", "[]", "[{\"id\":\"x\"}]" }.Select(Encoding.UTF8.GetBytes))
        {
            var response = await PostQboAsync(body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var huge = QboLegacy(realm, id: new string('9', ReceiverFactory.MaxBodyBytes));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostQboAsync(huge)).StatusCode);
        Assert.Empty(await InboxAsync(connection));
    }

    [Fact]
    public async Task Unknown_provider_and_unknown_company_answer_the_same_404()
    {
        var unknownRealm = await PostQboAsync(QboLegacy(Realm()));
        var body = QboLegacy(Realm());
        var unknownProvider = await PostAsync("/webhooks/nosuchprovider", body, "intuit-signature", Signing.B64Hmac(QboKey, body));
        var unknownConnection = await PostAsync($"/webhooks/quickbooks/{Guid.NewGuid()}", body, "intuit-signature", Signing.B64Hmac(QboKey, body));
        Assert.Equal(HttpStatusCode.NotFound, unknownRealm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownProvider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownConnection.StatusCode);
        string Detail(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("detail").GetString()!;
        var details = new[] { unknownRealm, unknownProvider, unknownConnection }.Select(r => Detail(r.Content.ReadAsStringAsync(Ct).Result)).Distinct().ToList();
        Assert.Single(details);
    }

    [Fact]
    public async Task Xero_intent_to_receive_answers_200_with_an_empty_body_for_a_good_signature_and_401_for_a_bad_one()
    {
        var itr = """{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}"""u8.ToArray();
        var good = await PostAsync("/webhooks/xero", itr, "x-xero-signature", Signing.B64Hmac(XeroKey, itr));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Empty(await good.Content.ReadAsByteArrayAsync(Ct));
        var bad = await PostAsync("/webhooks/xero", itr, "x-xero-signature", Signing.B64Hmac("not-the-key", itr));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
    }

    [Fact]
    public async Task Xero_events_for_a_connected_organisation_are_stored_per_event()
    {
        var org = Guid.NewGuid().ToString();
        var (_, connection) = await factory.ConnectAsync("xero", org);
        var body = Encoding.UTF8.GetBytes($$"""
            {"events":[
              {"resourceUrl":"https://api.xero.com/api.xro/2.0/Contacts/c1","resourceId":"c1","eventDateUtc":"2026-11-29T10:00:00.000","eventType":"UPDATE","eventCategory":"CONTACT","tenantId":"{{org}}","tenantType":"ORGANISATION"},
              {"resourceUrl":"https://api.xero.com/api.xro/2.0/Invoices/i1","resourceId":"i1","eventDateUtc":"2026-11-29T10:00:01.000","eventType":"CREATE","eventCategory":"INVOICE","tenantId":"{{org}}","tenantType":"ORGANISATION"}],
             "firstEventSequence":1,"lastEventSequence":2,"entropy":"ABC"}
            """);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("/webhooks/xero", body, "x-xero-signature", Signing.B64Hmac(XeroKey, body))).StatusCode);
        var stored = await InboxAsync(connection);
        Assert.Equal(["Customer", "Invoice"], stored.Select(e => e.Payload.RootElement.GetProperty("entity").GetString()).Order().ToArray());
    }
}
