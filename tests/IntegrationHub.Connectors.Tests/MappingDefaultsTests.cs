using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Connectors.Tests;

public class MappingDefaultsTests
{
    [Fact]
    public void Every_connector_default_mapping_compiles_for_every_entity_it_syncs()
    {
        foreach (var connector in Connectors.Catalog.All)
            foreach (var entity in connector.Entities)
            {
                var context = new MappingContext(entity.Canonical, connector.Key, connector.Name, Metadata: entity);
                var (mapping, errors) = MappingCompiler.Compile(Connectors.MappingDefaults.For(connector.Key, entity.Canonical), context);
                Assert.True(mapping is not null, $"{connector.Key}/{entity.Canonical}: {string.Join("; ", errors)}");
            }
    }

    [Theory]
    [InlineData("quickbooks")]
    [InlineData("xero")]
    public void Accounting_connectors_map_line_accounts_and_tax_codes_through_blocking_lookups(string provider)
    {
        var rules = Connectors.MappingDefaults.For(provider, "Invoice");
        var account = rules.Single(r => r.LocalPath == "lines[].accountCode");
        Assert.Equal(("lookup", "{provider}.accounts", ReferenceKinds.Account), (account.Transform!.Type, account.Transform.Table, account.Transform.Reference));
        Assert.Equal(ReferenceKinds.TaxCode, rules.Single(r => r.LocalPath == "lines[].taxCode").Transform!.Reference);
        // The identity over the other canonical fields stays.
        Assert.Contains(rules, r => r.LocalPath == "total" && r.RemotePath == "total" && r.Transform is null);
    }

    [Fact]
    public void Provider_field_rules_are_read_from_metadata_and_optional()
    {
        var qbo = Connectors.Catalog.Find("quickbooks")!;
        var invoice = qbo.Entities.Single(e => e.Canonical == "Invoice");
        Assert.Contains("customerId", invoice.RequiredFields!);
        Assert.Equal("date", invoice.FieldTypes!["issueDate"]);
        Assert.Null(qbo.Entities.Single(e => e.Canonical == "Account").RequiredFields);
    }
}
