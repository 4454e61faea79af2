using System.Text.Json;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Tests;

public sealed class DisplayTests
{
    [Theory]
    [InlineData("api_key.created", "API key created")]
    [InlineData("auth.sign_in_failed", "Sign in failed")]
    [InlineData("user.role_changed", "User role changed")]
    public void Audit_actions_read_as_sentences(string action, string expected) => Assert.Equal(expected, Display.Action(action));

    [Fact]
    public void Audit_data_is_listed_as_pairs_without_nulls()
    {
        using var json = JsonDocument.Parse("""{"name":"Backend","scopes":["read","write"],"expiresAt":null,"demo":true}""");
        Assert.Equal("name: Backend · scopes: read, write · demo: true", AuditDetails.Describe(json.RootElement));
        Assert.Equal("—", AuditDetails.Describe(null));
    }

    [Fact]
    public void Recent_times_are_relative_and_old_ones_are_dates()
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal("just now", Display.Ago(now.AddSeconds(-20), now));
        Assert.Equal("5 min ago", Display.Ago(now.AddMinutes(-5), now));
        Assert.Equal("2026-10-01", Display.Ago(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), now));
    }

    [Fact]
    public void Initials_come_from_the_name_or_else_the_email() =>
        Assert.Equal(("OO", "VV"), (Display.Initials("Olivia Owner", "o@x"), Display.Initials(null, "vera.viewer@demo.local")));
}
