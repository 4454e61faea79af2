using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Tests;

public class XeroWhereTests
{
    private static readonly JsonObject Invoice = JsonNode.Parse("""
        {"Type":"ACCREC","Status":"AUTHORISED","Total":150.5,"IsDiscounted":false,"Date":"/Date(1709251200000+0000)/",
         "Contact":{"ContactID":"3ff6d40c-af9a-4a0b-9a9b-1f0e2f9a1c11","Name":"Acme"}}
        """)!.AsObject();

    [Theory]
    [InlineData("Status==\"AUTHORISED\"", true)]
    [InlineData("Status == \"authorised\" AND Type==\"ACCREC\"", true)]
    [InlineData("Status!=\"AUTHORISED\"", false)]
    [InlineData("Total>100 && Total<=150.5", true)]
    [InlineData("IsDiscounted==true", false)]
    [InlineData("Date>=DateTime(2024,03,01)", true)]
    [InlineData("Date<DateTime(2024, 2, 1)", false)]
    [InlineData("Contact.ContactID==guid(\"3ff6d40c-af9a-4a0b-9a9b-1f0e2f9a1c11\")", true)]
    public void Evaluates_common_filters(string where, bool expected) =>
        Assert.Equal(expected, XeroWhere.Matches(Invoice, XeroWhere.Parse(where)));

    [Theory]
    [InlineData("Status LIKE \"A%\"")]
    [InlineData("Status==AUTHORISED")]
    public void Rejects_what_it_cannot_parse(string where) => Assert.Throws<XeroValidationException>(() => XeroWhere.Parse(where));
}
