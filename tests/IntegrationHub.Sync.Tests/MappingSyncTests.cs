using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Sync.Tests;

/// <summary>A tenant's field mapping inside sync: a custom host field goes to a QBO custom field, only affected records are re-pushed, versions note the mapping.</summary>
public sealed class MappingSyncTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    private static readonly List<MappingRule> RegionRule =
    [
        new("region", "$raw.CustomField[?(@.Name=='Region')].StringValue", MappingDirection.Outbound, Transform: new MappingTransform(TransformTypes.Upper)),
    ];

    private static JsonObject NewCustomer(string name, string? region)
    {
        var customer = new JsonObject { ["name"] = name, ["companyName"] = name + " Ltd", ["email"] = "ap@example.test", ["currency"] = "USD" };
        if (region is not null) customer["region"] = region;
        return customer;
    }

    /// <summary>What saving through the mappings API does (MappingVersions.SaveAsync): affected links lose their last-pushed hash and base, a new active version.</summary>
    private async Task<AffectedRecords> SaveMappingAsync(TestConnection qbo, List<MappingRule> rules)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(qbo.TenantId);
        var mappings = scope.ServiceProvider.GetRequiredService<MappingService>();
        await using var db = qbo.Db();
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == qbo.Id, Ct);
        var mapping = await mappings.LoadAsync(connection, mappings.Connector(connection)!, Customer, Ct);
        var (after, errors) = MappingCompiler.Compile(mapping.EffectiveWith(rules), mapping.Context);
        Assert.Empty(errors);
        var (before, _) = MappingCompiler.Compile(mapping.Effective, mapping.Context);
        var affected = await mappings.FindAffectedAsync(qbo.Id, Customer, before, after!, Ct);
        db.FieldMappings.Add(new FieldMapping { ConnectionId = qbo.Id, Entity = Customer, Version = 1, Rules = MappingJson.ToDocument(rules), CreatedBy = "test", IsActive = true });
        await db.SaveChangesAsync(Ct);
        var linkIds = affected.LinkIds.ToArray();
        await db.RecordLinks.Where(l => linkIds.Contains(l.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(l => l.LastPushedHash, (string?)null).SetProperty(l => l.Base, (System.Text.Json.JsonDocument?)null), Ct);
        return affected;
    }

    [Fact]
    public async Task A_record_missing_a_required_mapped_field_fails_alone_with_the_field_and_reason()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Outbound);
        await SaveMappingAsync(qbo, [RegionRule[0] with { Required = true }]);
        await qbo.WriteHostAsync(Customer, "cust-east", NewCustomer("Eastern Hoists", "east"));
        await qbo.WriteHostAsync(Customer, "cust-blank", NewCustomer("Blank Region Ltd", null));

        var (run, error) = await qbo.RunAsync(SyncRunKind.Push, Customer);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.CompletedWithErrors, run.Status);
        Assert.Equal((1, 1), (run.Counts[Customer].Created, run.Counts[Customer].Failed));
        await using var db = qbo.Db();
        var failure = await db.RecordFailures.SingleAsync(f => f.SyncRunId == run.Id, Ct);
        Assert.Equal(("cust-blank", ErrorClass.Validation), (failure.RecordKey, failure.ErrorClass));
        var field = Assert.Single(failure.Fields);
        Assert.Equal("$raw.CustomField[?(@.Name=='Region')].StringValue", field.Field);
        Assert.Contains("Required value is missing", field.Reason);
        Assert.Contains(field.Field + ": " + field.Reason, failure.Message);
    }

    [Fact]
    public async Task A_region_mapped_to_a_QBO_custom_field_re_pushes_only_the_affected_customers_with_the_mapping_version()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Outbound);
        await qbo.WriteHostAsync(Customer, "cust-north", NewCustomer("North Haulage", "north"));
        await qbo.WriteHostAsync(Customer, "cust-south", NewCustomer("South Scaffolds", "south"));
        await qbo.WriteHostAsync(Customer, "cust-none", NewCustomer("Central Plant", null));
        var (first, firstError) = await qbo.RunAsync(SyncRunKind.Push, Customer);
        Assert.Null(firstError);
        Assert.Equal(3, first.Counts[Customer].Created);
        Assert.All(await qbo.QueryAsync("SELECT * FROM Customer"), c => Assert.Null(c!["CustomField"]));
        var untouched = (await qbo.LinkByHostAsync(Customer, "cust-none"))!;

        var affected = await SaveMappingAsync(qbo, RegionRule);
        Assert.Equal(3, affected.Checked);
        Assert.Equal(["cust-north", "cust-south"], affected.HostIds.Order(StringComparer.Ordinal));

        var (run, error) = await qbo.RunAsync(SyncRunKind.Push, Customer);

        Assert.Null(error);
        await using (var failures = qbo.Db())
            Assert.Empty(await failures.RecordFailures.Where(f => f.SyncRunId == run.Id).Select(f => f.RecordKey + ": " + f.Message).ToListAsync(Ct));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(2, run.Counts[Customer].Processed);
        Assert.Equal(2, run.Counts[Customer].Updated);
        var byReference = (await qbo.QueryAsync("SELECT * FROM Customer")).OfType<JsonObject>().ToDictionary(c => c["Notes"]!.GetValue<string>());
        string? Region(string hostId) => (byReference["ih:" + hostId]["CustomField"] as JsonArray)?.OfType<JsonObject>()
            .SingleOrDefault(f => f["Name"]?.GetValue<string>() == "Region")?["StringValue"]?.GetValue<string>();
        Assert.Equal("NORTH", Region("cust-north"));
        Assert.Equal("SOUTH", Region("cust-south"));
        Assert.Null(Region("cust-none"));

        // The pushed records' new versions note mapping version 1; the unaffected customer was not written again.
        await using var db = qbo.Db();
        foreach (var hostId in new[] { "cust-north", "cust-south" })
        {
            var link = (await qbo.LinkByHostAsync(Customer, hostId))!;
            Assert.Equal((await qbo.HostAsync(Customer, hostId))!.Hash, link.LastPushedHash);
            var external = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.Entity == Customer && r.ExternalId == link.RemoteId, Ct);
            var latest = await db.RecordVersions.Where(v => v.RecordId == external.Id).OrderByDescending(v => v.Version).FirstAsync(Ct);
            Assert.Equal(run.Id, latest.SyncRunId);
            Assert.Equal(1, latest.MappingVersion);
        }
        var unaffected = (await qbo.LinkByHostAsync(Customer, "cust-none"))!;
        Assert.Equal(untouched.LastPushedAt, unaffected.LastPushedAt);
        var unaffectedRecord = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.Entity == Customer && r.ExternalId == unaffected.RemoteId, Ct);
        Assert.False(await db.RecordVersions.AnyAsync(v => v.RecordId == unaffectedRecord.Id && v.SyncRunId == run.Id, Ct));
    }

    [Fact]
    public async Task A_pull_keeps_the_host_only_region_and_a_vendor_edit_of_the_mapped_custom_field_alone_is_a_change()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Both);
        await qbo.WriteHostAsync(Customer, "cust-west", NewCustomer("Westward Cranes", "west"));
        Assert.Null((await qbo.RunAsync(SyncRunKind.Push, Customer)).Error);
        Assert.Single((await SaveMappingAsync(qbo, RegionRule)).HostIds);
        var (pushed, pushError) = await qbo.RunAsync(SyncRunKind.Push, Customer);
        Assert.Null(pushError);
        Assert.Equal(1, pushed.Counts[Customer].Updated);
        var remoteId = (await qbo.LinkByHostAsync(Customer, "cust-west"))!.RemoteId;

        // The vendor renames the company: the pull takes the new name and keeps the region, which QuickBooks only receives.
        await qbo.PatchAsync(Customer, remoteId, new JsonObject { ["CompanyName"] = "Westward Cranes Group" });
        var (renamed, renameError) = await qbo.RunAsync(SyncRunKind.Incremental, Customer);
        Assert.Null(renameError);
        Assert.Equal(SyncRunStatus.Succeeded, renamed.Status);
        var host = TestConnection.Parse((await qbo.HostAsync(Customer, "cust-west"))!.Data);
        Assert.Equal("Westward Cranes Group", host["companyName"]!.GetValue<string>());
        Assert.Equal("west", host["region"]!.GetValue<string>());
        Assert.Equal(0, renamed.Counts[Customer].Conflicts);

        // An edit of only the Region custom field changes no canonical field, yet the external record takes a new version.
        await qbo.PatchAsync(Customer, remoteId, new JsonObject { ["CustomField"] = new JsonArray(new JsonObject { ["DefinitionId"] = "1", ["Name"] = "Region", ["Type"] = "StringType", ["StringValue"] = "WEST COAST" }) });
        var (edited, editError) = await qbo.RunAsync(SyncRunKind.Incremental, Customer);
        Assert.Null(editError);
        Assert.Equal(1, edited.Counts[Customer].Updated);
        await using var db = qbo.Db();
        var external = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.Entity == Customer && r.ExternalId == remoteId, Ct);
        Assert.Equal("WEST COAST", TestConnection.Parse(external.Data)["$raw"]!["CustomField"]![0]!["StringValue"]!.GetValue<string>());
        var latest = await db.RecordVersions.Where(v => v.RecordId == external.Id).OrderByDescending(v => v.Version).FirstAsync(Ct);
        Assert.Equal((edited.Id, 1), (latest.SyncRunId, latest.MappingVersion));
    }
}
