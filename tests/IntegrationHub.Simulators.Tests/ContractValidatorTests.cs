using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Contracts;

namespace IntegrationHub.Simulators.Tests;

/// <summary>The validators themselves: a body that drifts from the vendor contract must be caught.</summary>
public class ContractValidatorTests
{
    [Fact]
    public void Xero_validator_rejects_undeclared_properties_bad_enums_and_types()
    {
        var body = JsonNode.Parse("""{"Invoices":[{"InvoiceID":"not-a-uuid","Type":"SALES","Total":"12","Colour":"red","DateString":"2019-01-01T00:00:00","Date":"/Date(0+0000)/"}]}""");
        var errors = XeroSchemaValidator.Accounting.Value.Validate(body, "Invoices");
        Assert.Contains(errors, e => e.Contains("Colour"));
        Assert.Contains(errors, e => e.Contains("SALES"));
        Assert.Contains(errors, e => e.Contains("uuid"));
        Assert.Contains(errors, e => e.Contains("Total") && e.Contains("number"));
        Assert.DoesNotContain(errors, e => e.Contains("DateString"));
    }

    [Fact]
    public void Qbo_validator_checks_elements_base_types_attributes_and_simple_types()
    {
        var good = JsonNode.Parse("""{"Customer":{"Id":"1","SyncToken":"0","domain":"QBO","sparse":false,"DisplayName":"A","Active":true,"Balance":1.5,"CurrencyRef":{"value":"USD","name":"US Dollar"},"MetaData":{"CreateTime":"2024-01-01T00:00:00-08:00"}},"time":"2024-01-01T00:00:00-08:00"}""");
        Assert.Empty(QboXsdValidator.Instance.Value.Validate(good, "IntuitResponse"));
        var bad = JsonNode.Parse("""{"Customer":{"DisplayName":"A","Active":"yes","Nickname":"x"},"Account":{"Name":"B","AccountType":"Piggy Bank"}}""");
        var errors = QboXsdValidator.Instance.Value.Validate(bad, "IntuitResponse");
        Assert.Contains(errors, e => e.Contains("Active"));
        Assert.Contains(errors, e => e.Contains("Nickname"));
        Assert.Contains(errors, e => e.Contains("Piggy Bank"));
    }
}
