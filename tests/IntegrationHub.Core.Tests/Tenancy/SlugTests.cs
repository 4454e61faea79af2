using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Tests.Tenancy;

public class SlugTests
{
    [Theory]
    [InlineData("Acme Rentals B.V.", "acme-rentals-b-v")]
    [InlineData("  Café Zürich  ", "cafe-zurich")]
    [InlineData("---", "tenant")]
    [InlineData("ÆØÅ 2024", "a-2024")]
    public void Slugs_are_lowercase_ascii_with_single_dashes(string name, string expected) => Assert.Equal(expected, Slug.From(name));
}
