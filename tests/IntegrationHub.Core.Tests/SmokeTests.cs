namespace IntegrationHub.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Arithmetic() => Assert.Equal(4, 2 + 2);
}
