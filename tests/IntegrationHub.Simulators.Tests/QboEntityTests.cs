using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class QboEntityTests
{
    private const string Base = $"/qbo/v3/company/{SimulatorApp.Realm}";

    private static string Code(JsonNode body) => body["Fault"]!["Error"]![0]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Create_read_sparse_update_and_stale_synctoken()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var created = await (await client.PostJson($"{Base}/customer", """{"DisplayName":"Kea Kayaks Ltd","PrimaryEmailAddr":{"Address":"ops@kea.example"},"CustomField":[]}""")).Body();
        var customer = created["Customer"]!;
        Assert.Equal("0", customer["SyncToken"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", customer["MetaData"]!["CreateTime"]!.GetValue<string>());
        var id = customer["Id"]!.GetValue<string>();

        var updated = await (await client.PostJson($"{Base}/customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"CompanyName":"Kea Kayaks"}""")).Body();
        Assert.Equal("1", updated["Customer"]!["SyncToken"]!.GetValue<string>());
        Assert.Equal("ops@kea.example", updated["Customer"]!["PrimaryEmailAddr"]!["Address"]!.GetValue<string>());

        var stale = await client.PostJson($"{Base}/customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"CompanyName":"Late"}""");
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal("5010", Code(await stale.Body()));

        var read = await (await client.GetAsync($"{Base}/customer/{id}")).Body();
        Assert.Equal("Kea Kayaks", read["Customer"]!["CompanyName"]!.GetValue<string>());
        var missing = await client.GetAsync($"{Base}/customer/999999");
        Assert.Equal("610", Code(await missing.Body()));
    }

    [Fact]
    public async Task Duplicate_names_and_bad_references_fail_with_qbo_codes()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        await client.PostJson($"{Base}/customer", """{"DisplayName":"Twin"}""");
        Assert.Equal("6240", Code(await (await client.PostJson($"{Base}/customer", """{"DisplayName":"twin"}""")).Body()));
        var badRef = await client.PostJson($"{Base}/invoice", """{"CustomerRef":{"value":"99999"},"Line":[{"Amount":10,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");
        Assert.Equal("2500", Code(await badRef.Body()));
        var noLines = await client.PostJson($"{Base}/invoice", """{"CustomerRef":{"value":"1"},"Line":[]}""");
        Assert.Equal("6000", Code(await noLines.Body()));
        var parse = await client.GetAsync($"{Base}/query?query={Json.Q("SELECT * FROM Invoice WHERE")}");
        Assert.Equal("4000", Code(await parse.Body()));
    }

    [Fact]
    public async Task Payments_reduce_invoice_balance_and_deleting_them_restores_it()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var invoice = (await (await client.PostJson($"{Base}/invoice",
            """{"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":2,"UnitPrice":50}}]}""")).Body())["Invoice"]!;
        Assert.Equal(100m, invoice["TotalAmt"]!.GetValue<decimal>());
        var invoiceId = invoice["Id"]!.GetValue<string>();
        var payment = (await (await client.PostJson($"{Base}/payment",
            $$"""{"CustomerRef":{"value":"1"},"TotalAmt":40,"Line":[{"Amount":40,"LinkedTxn":[{"TxnId":"{{invoiceId}}","TxnType":"Invoice"}]}]}""")).Body())["Payment"]!;
        var after = (await (await client.GetAsync($"{Base}/invoice/{invoiceId}")).Body())["Invoice"]!;
        Assert.Equal(60m, after["Balance"]!.GetValue<decimal>());
        Assert.Equal("1", after["SyncToken"]!.GetValue<string>());

        var blocked = await client.PostJson($"{Base}/invoice?operation=delete", $$"""{"Id":"{{invoiceId}}","SyncToken":"1"}""");
        Assert.Equal("6000", Code(await blocked.Body()));
        var overpay = await client.PostJson($"{Base}/payment",
            $$"""{"CustomerRef":{"value":"1"},"TotalAmt":100,"Line":[{"Amount":100,"LinkedTxn":[{"TxnId":"{{invoiceId}}","TxnType":"Invoice"}]}]}""");
        Assert.Equal("6000", Code(await overpay.Body()));

        var deleted = await (await client.PostJson($"{Base}/payment?operation=delete", $$"""{"Id":"{{payment["Id"]}}","SyncToken":"0"}""")).Body();
        Assert.Equal("Deleted", deleted["Payment"]!["status"]!.GetValue<string>());
        var restored = (await (await client.GetAsync($"{Base}/invoice/{invoiceId}")).Body())["Invoice"]!;
        Assert.Equal(100m, restored["Balance"]!.GetValue<decimal>());
        var voided = await (await client.PostJson($"{Base}/invoice?operation=void", $$"""{"Id":"{{invoiceId}}","SyncToken":"{{restored["SyncToken"]}}"}""")).Body();
        Assert.Equal(0m, voided["Invoice"]!["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Customer_balance_follows_invoices_and_payments()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var customer = (await (await client.PostJson($"{Base}/customer", """{"DisplayName":"Balance Watcher"}""")).Body())["Customer"]!["Id"]!.GetValue<string>();
        async Task<decimal> Balance() => (await (await client.GetAsync($"{Base}/customer/{customer}")).Body())["Customer"]!["Balance"]!.GetValue<decimal>();
        var invoice = (await (await client.PostJson($"{Base}/invoice",
            $$$$"""{"CustomerRef":{"value":"{{{{customer}}}}"},"Line":[{"Amount":80,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""")).Body())["Invoice"]!;
        Assert.Equal(80m, await Balance());
        await client.PostJson($"{Base}/payment",
            $$$"""{"CustomerRef":{"value":"{{{customer}}}"},"TotalAmt":30,"Line":[{"Amount":30,"LinkedTxn":[{"TxnId":"{{{invoice["Id"]}}}","TxnType":"Invoice"}]}]}""");
        Assert.Equal(50m, await Balance());
    }

    [Fact]
    public async Task Same_requestid_replays_the_original_response()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var first = await (await client.PostJson($"{Base}/customer?requestid=abc-1", """{"DisplayName":"Once Only"}""")).Body();
        var second = await client.PostJson($"{Base}/customer?requestid=abc-1", """{"DisplayName":"Once Only"}""");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(first.ToJsonString(), (await second.Body()).ToJsonString());
        var count = await (await client.GetAsync($"{Base}/query?query={Json.Q("SELECT COUNT(*) FROM Customer WHERE DisplayName = 'Once Only'")}")).Body();
        Assert.Equal(1, count["QueryResponse"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Batch_answers_each_item_and_rejects_more_than_30()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var body = await (await client.PostJson($"{Base}/batch", """
            {"BatchItemRequest":[
              {"bId":"1","operation":"create","Customer":{"DisplayName":"Batch One"}},
              {"bId":"2","operation":"create","Customer":{"DisplayName":"Batch One"}},
              {"bId":"3","Query":"SELECT * FROM Item MAXRESULTS 2"}]}
            """)).Body();
        var items = body["BatchItemResponse"]!.AsArray();
        Assert.NotNull(items[0]!["Customer"]);
        Assert.Equal("6240", items[1]!["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(2, items[2]!["QueryResponse"]!["Item"]!.AsArray().Count);

        var tooMany = new JsonObject { ["BatchItemRequest"] = new JsonArray([.. Enumerable.Range(1, 31).Select(i => (JsonNode)new JsonObject { ["bId"] = $"{i}", ["Query"] = "SELECT * FROM Item" })]) };
        var rejected = await client.PostJson($"{Base}/batch", tooMany.ToJsonString());
        Assert.Equal("1040", Code(await rejected.Body()));
    }
}
