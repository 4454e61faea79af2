using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// The host app changes a customer's tax number while someone changes its email in QuickBooks or Xero; under each
/// policy the real connector's pull, the resolution and the push of the result reach both sides and are recorded.
/// </summary>
public sealed class ConnectorConflictTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;
    private const string RemoteEmail = "remote@example.test";
    private const string HostTaxNumber = "HOST-TAX-77";
    private static readonly object Seed = new { seed = 9, customers = 3, items = 0, invoices = 0, payments = 0, chartOfAccounts = false };

    public static TheoryData<string, ConflictPolicy> Cases()
    {
        var cases = new TheoryData<string, ConflictPolicy>();
        foreach (var vendor in new[] { "quickbooks", "xero" })
            foreach (var policy in new[] { ConflictPolicy.LastWriteWins, ConflictPolicy.HostWins, ConflictPolicy.ExternalWins, ConflictPolicy.FieldMerge, ConflictPolicy.Manual })
                cases.Add(vendor, policy);
        return cases;
    }

    /// <summary>One vendor's customer as the test sees it: the hub connection, and the provider's tax number and email.</summary>
    private sealed record Remote(TestConnection Hub, string RemoteId, Func<Task<(string? TaxNumber, string? Email)>> ReadAsync, Func<Task> EditEmailAsync);

    private async Task<Remote> ConnectAsync(string vendor)
    {
        if (vendor == "quickbooks")
        {
            var qbo = await fixture.ConnectAsync(0, Ct, seed: Seed);
            var id = (await qbo.QueryAsync("SELECT * FROM Customer"))[0]!["Id"]!.GetValue<string>();
            return new Remote(qbo, id, async () =>
            {
                var now = (await qbo.QueryAsync($"SELECT * FROM Customer WHERE Id = '{id}'"))[0]!;
                return (now["ResaleNum"]?.GetValue<string>(), now["PrimaryEmailAddr"]?["Address"]?.GetValue<string>());
            }, () => qbo.PatchAsync("Customer", id, new JsonObject { ["PrimaryEmailAddr"] = new JsonObject { ["Address"] = RemoteEmail } }));
        }
        var xero = await XeroOrg.ConnectAsync(fixture, Seed, Ct);
        var contactId = (await xero.ListAsync("Contacts"))[0]!["ContactID"]!.GetValue<string>();
        return new Remote(xero.Hub, contactId, async () =>
        {
            var now = await xero.GetAsync("Contacts", contactId);
            return (now["TaxNumber"]?.GetValue<string>(), now["EmailAddress"]?.GetValue<string>());
        }, () => xero.PatchAsync("Contacts", contactId, new JsonObject { ["EmailAddress"] = RemoteEmail }));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Both_sides_changed(string vendor, ConflictPolicy policy)
    {
        var remote = await ConnectAsync(vendor);
        var hub = remote.Hub;
        await hub.ConfigureAsync(Customer, c => { c.Direction = SyncDirection.Both; c.ConflictPolicy = policy; });
        var (first, firstError) = await hub.RunAsync(SyncRunKind.Full);
        Assert.Null(firstError);
        Assert.Equal(SyncRunStatus.Succeeded, first.Status);
        var hostId = (await hub.LinkByRemoteAsync(Customer, remote.RemoteId)).HostId;
        var original = TestConnection.Parse((await hub.HostAsync(Customer, hostId))!.Data);
        var (originalTax, originalEmail) = await remote.ReadAsync();
        Assert.NotEqual(RemoteEmail, originalEmail);

        var hostEdit = (JsonObject)original.DeepClone();
        hostEdit["taxNumber"] = HostTaxNumber;
        await hub.WriteHostAsync(Customer, hostId, hostEdit, DateTimeOffset.UtcNow.AddSeconds(-30));
        await remote.EditEmailAsync();

        var (run, error) = await hub.RunAsync(SyncRunKind.Incremental);

        Assert.Null(error);
        Assert.Equal(1, run.Counts[Customer].Conflicts);
        await using var db = hub.Db();
        var conflict = await db.Conflicts.SingleAsync(c => c.HostId == hostId, Ct);
        Assert.Equal((policy, run.Id), (conflict.Policy, conflict.SyncRunId));
        Assert.False(string.IsNullOrEmpty(conflict.Reason));
        var host = TestConnection.Parse((await hub.HostAsync(Customer, hostId))!.Data);
        var (expectedTax, expectedEmail, outcome) = policy switch
        {
            ConflictPolicy.LastWriteWins or ConflictPolicy.ExternalWins => (originalTax, RemoteEmail, ConflictOutcome.TakeExternal),
            ConflictPolicy.HostWins => (HostTaxNumber, originalEmail, ConflictOutcome.TakeHost),
            ConflictPolicy.FieldMerge => (HostTaxNumber, RemoteEmail, ConflictOutcome.Merged),
            _ => (HostTaxNumber, originalEmail, ConflictOutcome.Manual),
        };
        Assert.Equal(expectedTax, host["taxNumber"]?.GetValue<string>());
        Assert.Equal(expectedEmail, host["email"]?.GetValue<string>());
        var (remoteTax, remoteEmail) = await remote.ReadAsync();
        if (policy == ConflictPolicy.Manual)
        {
            Assert.Equal(ConflictStatus.Open, conflict.Status);
            Assert.Null(conflict.Outcome);
            Assert.Equal(RemoteEmail, TestConnection.Parse(conflict.External)["email"]!.GetValue<string>());
            Assert.True(await db.OutboxEvents.AnyAsync(e => e.TenantId == hub.TenantId && e.Type == EventTypes.ConflictOpened, Ct));
            // Nothing applied on either side while the item waits for a person.
            Assert.Equal((originalTax, RemoteEmail), (remoteTax, remoteEmail));
            return;
        }
        Assert.Equal((ConflictStatus.AutoResolved, outcome), (conflict.Status, conflict.Outcome));
        // The result reached the provider too, and the next run finds both sides agreeing.
        Assert.Equal((expectedTax, expectedEmail), (remoteTax, remoteEmail));
        var (next, nextError) = await hub.RunAsync(SyncRunKind.Incremental);
        Assert.Null(nextError);
        Assert.Equal(0, next.Counts[Customer].Conflicts + next.Counts[Customer].Created + next.Counts[Customer].Updated);
    }
}
