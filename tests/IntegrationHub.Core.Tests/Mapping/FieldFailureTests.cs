using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>A record failure's message names each field and reason; the run detail API reads them back as structured fields.</summary>
public class FieldFailureTests
{
    [Fact]
    public void Fields_read_back_what_describe_wrote()
    {
        MappingError[] errors =
        [
            new("lines[0].accountCode", "Host category 'Consulting' has no account mapping for QuickBooks Online."),
            new("$raw.CustomField[?(@.Name=='Region')].StringValue", "Expression failed: TypeError: x is undefined"),
            new("issueDate", "QuickBooks Online expects a date here, got a string \"31/01/2026\"."),
            new("currency", "Currency must be set (an ISO 4217 code)."),
        ];
        Assert.Equal(errors, RunMapping.Fields(RunMapping.Describe(errors)));
    }

    [Theory]
    [InlineData("Customer is required")]
    [InlineData("Field mapping version 3 does not compile: rules[0].transform.table: Lookup table 'x' does not exist.")]
    [InlineData("Field mapping: ")]
    public void Other_failures_have_no_fields(string message) => Assert.Null(RunMapping.Fields(message));
}
