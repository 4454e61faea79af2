using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

/// <summary>The remaining entities, each response checked against the vendor contract by the test client.</summary>
public class EntityCoverageTests
{
    [Fact]
    public async Task Qbo_items_accounts_and_credit_memos()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var b = $"/qbo/v3/company/{SimulatorApp.Realm}";
        var account = await (await client.PostJson($"{b}/account", """{"Name":"Consulting Income","AccountType":"Income","AccountSubType":"ServiceFeeIncome"}""")).Body();
        Assert.Equal("Revenue", account["Account"]!["Classification"]!.GetValue<string>());
        var accountId = account["Account"]!["Id"]!.GetValue<string>();
        var item = await (await client.PostJson($"{b}/item", $$$"""{"Name":"Strategy session","Type":"Service","UnitPrice":300,"IncomeAccountRef":{"value":"{{{accountId}}}"}}""")).Body();
        Assert.Equal("Strategy session", item["Item"]!["FullyQualifiedName"]!.GetValue<string>());
        var badAccount = await client.PostJson($"{b}/item", """{"Name":"Orphan","IncomeAccountRef":{"value":"99999"}}""");
        Assert.Equal("2500", (await badAccount.Body())["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        var memo = await (await client.PostJson($"{b}/creditmemo",
            $$$$"""{"CustomerRef":{"value":"1"},"Line":[{"Amount":75,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"{{{{item["Item"]!["Id"]}}}}"}}}]}""")).Body();
        Assert.Equal(75m, memo["CreditMemo"]!["RemainingCredit"]!.GetValue<decimal>());
        var inactive = await client.PostJson($"{b}/customer?operation=delete", """{"Id":"1","SyncToken":"0"}""");
        Assert.Equal("6000", (await inactive.Body())["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Xero_items_accounts_contacts_and_credit_notes()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient(SimulatorApp.XeroAu);
        var account = await (await client.PutJson("/xero/api.xro/2.0/Accounts", """{"Code":"201","Name":"Consulting Sales","Type":"SALES"}""")).Body();
        Assert.Equal("REVENUE", account["Accounts"]![0]!["Class"]!.GetValue<string>());
        var item = await (await client.PutJson("/xero/api.xro/2.0/Items", """{"Items":[{"Code":"STRAT-1","Name":"Strategy","SalesDetails":{"UnitPrice":300,"AccountCode":"201"}}]}""")).Body();
        var itemId = item["Items"]![0]!["ItemID"]!.GetValue<string>();
        var contact = await (await client.PutJson("/xero/api.xro/2.0/Contacts", """
            {"Contacts":[{"Name":"Wombat Works Pty","EmailAddress":"hi@wombat.example","Addresses":[{"AddressType":"STREET","City":"Sydney"}],"Phones":[{"PhoneType":"MOBILE","PhoneNumber":"0400 000 000"}]}]}
            """)).Body();
        var contactId = contact["Contacts"]![0]!["ContactID"]!.GetValue<string>();
        var note = await (await client.PutJson("/xero/api.xro/2.0/CreditNotes",
            $$"""{"CreditNotes":[{"Type":"ACCRECCREDIT","Contact":{"ContactID":"{{contactId}}"},"Status":"AUTHORISED","LineItems":[{"ItemCode":"STRAT-1","Quantity":1,"UnitAmount":120,"AccountCode":"201"}]}]}""")).Body();
        Assert.Equal(120m, note["CreditNotes"]![0]!["RemainingCredit"]!.GetValue<decimal>());
        var archived = await (await client.PostJson($"/xero/api.xro/2.0/Contacts/{contactId}", """{"ContactStatus":"ARCHIVED"}""")).Body();
        Assert.Equal("ARCHIVED", archived["Contacts"]![0]!["ContactStatus"]!.GetValue<string>());
        var active = await (await client.GetAsync("/xero/api.xro/2.0/Contacts")).Body();
        Assert.DoesNotContain(active["Contacts"]!.AsArray(), c => c!["ContactID"]!.GetValue<string>() == contactId);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/xero/api.xro/2.0/Items/{itemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/xero/api.xro/2.0/Items/{itemId}")).StatusCode);
    }

    [Fact]
    public async Task Injected_timeout_holds_the_request_then_gives_up()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Timeout", delayMs = 300, count = 1 });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/item/1");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 250);
    }
}
