using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>The host app and QBO both change a customer between syncs; each policy's outcome reaches both sides and is recorded.</summary>
public sealed class ConflictTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Theory]
    [InlineData(ConflictPolicy.LastWriteWins)]
    [InlineData(ConflictPolicy.HostWins)]
    [InlineData(ConflictPolicy.ExternalWins)]
    [InlineData(ConflictPolicy.FieldMerge)]
    [InlineData(ConflictPolicy.Manual)]
    public async Task Both_sides_changed(ConflictPolicy policy)
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(3, Ct);
        await qbo.ConfigureAsync(Customer, c => { c.Direction = SyncDirection.Both; c.ConflictPolicy = policy; });
        await qbo.RunAsync(SyncRunKind.Full);
        var remote = (await qbo.QueryAsync("SELECT * FROM Customer"))[0]!;
        var remoteId = remote["Id"]!.GetValue<string>();
        var hostId = (await qbo.LinkByRemoteAsync(Customer, remoteId)).HostId;
        var original = TestConnection.Parse((await qbo.HostAsync(Customer, hostId))!.Data);

        // The host app renames the company; a moment later someone edits the email in QuickBooks.
        var hostEdit = (JsonObject)original.DeepClone();
        hostEdit["companyName"] = "Host Side Pty";
        await qbo.WriteHostAsync(Customer, hostId, hostEdit, DateTimeOffset.UtcNow.AddSeconds(-30));
        await qbo.PatchAsync("Customer", remoteId, new JsonObject { ["PrimaryEmailAddr"] = new JsonObject { ["Address"] = "remote@example.test" } });

        var (run, error) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.Null(error);
        Assert.Equal(1, run.Counts[Customer].Conflicts);
        await using var db = qbo.Db();
        var conflict = await db.Conflicts.SingleAsync(c => c.HostId == hostId, Ct);
        Assert.Equal(policy, conflict.Policy);
        Assert.Equal(run.Id, conflict.SyncRunId);
        Assert.False(string.IsNullOrEmpty(conflict.Reason));
        var host = TestConnection.Parse((await qbo.HostAsync(Customer, hostId))!.Data);
        var now = (await qbo.QueryAsync($"SELECT * FROM Customer WHERE Id = '{remoteId}'"))[0]!;
        var (expectedCompany, expectedEmail, outcome) = policy switch
        {
            ConflictPolicy.LastWriteWins or ConflictPolicy.ExternalWins => (original["companyName"]?.GetValue<string>(), "remote@example.test", ConflictOutcome.TakeExternal),
            ConflictPolicy.HostWins => ("Host Side Pty", original["email"]?.GetValue<string>(), ConflictOutcome.TakeHost),
            ConflictPolicy.FieldMerge => ("Host Side Pty", "remote@example.test", ConflictOutcome.Merged),
            _ => ("Host Side Pty", original["email"]?.GetValue<string>(), ConflictOutcome.Manual),
        };
        Assert.Equal(expectedCompany, host["companyName"]?.GetValue<string>());
        Assert.Equal(expectedEmail, host["email"]?.GetValue<string>());
        if (policy == ConflictPolicy.Manual)
        {
            Assert.Equal(ConflictStatus.Open, conflict.Status);
            Assert.Null(conflict.Outcome);
            Assert.Equal("remote@example.test", TestConnection.Parse(conflict.External)["email"]!.GetValue<string>());
            Assert.True(await db.OutboxEvents.AnyAsync(e => e.TenantId == qbo.TenantId && e.Type == EventTypes.ConflictOpened, Ct));
            // Nothing applied on either side while the item waits for a person.
            Assert.Equal("remote@example.test", now["PrimaryEmailAddr"]!["Address"]!.GetValue<string>());
            Assert.Equal(original["companyName"]?.GetValue<string>(), now["CompanyName"]?.GetValue<string>());
            return;
        }
        Assert.Equal(ConflictStatus.AutoResolved, conflict.Status);
        Assert.Equal(outcome, conflict.Outcome);
        // The result reached the provider too (pushed in the same run when it differs from what QBO held).
        Assert.Equal(expectedCompany, now["CompanyName"]?.GetValue<string>());
        Assert.Equal(expectedEmail, now["PrimaryEmailAddr"]?["Address"]?.GetValue<string>());
        // And the next run finds both sides agreeing: no new conflict, nothing written.
        var (next, _) = await qbo.RunAsync(SyncRunKind.Incremental);
        Assert.Equal(0, next.Counts[Customer].Conflicts + next.Counts[Customer].Created + next.Counts[Customer].Updated);
    }
}
