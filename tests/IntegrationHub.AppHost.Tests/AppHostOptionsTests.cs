using IntegrationHub.AppHost;

namespace IntegrationHub.AppHost.Tests;

public sealed class AppHostOptionsTests
{
    [Fact]
    public void Port_offset_applies_to_every_port()
    {
        Assert.True(AppHostOptions.TryParse(["--port-offset", "7", "--state-dir", "/tmp/x"], out var options, out _));
        Assert.Equal(5107, options.Port(5100));
        Assert.Equal(55439, options.Port(ServiceCatalog.PostgresPort));
        Assert.Equal("/tmp/x", options.StateDirectory);
    }

    [Theory]
    [InlineData("--port-offset", "-1")]
    [InlineData("--port-offset", "many")]
    [InlineData("--health-timeout", "0")]
    [InlineData("--unknown", "1")]
    [InlineData("--port-offset")]
    public void Rejects_bad_arguments_with_a_message(params string[] args)
    {
        Assert.False(AppHostOptions.TryParse(args, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void Finds_the_repository_and_the_configuration_it_was_built_in()
    {
        var repo = RepoLayout.Discover();
        Assert.True(File.Exists(Path.Combine(repo.Root, "IntegrationHub.sln")));
        Assert.Contains($"/bin/{repo.Configuration}/", AppContext.BaseDirectory);
    }
}
