using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Connect;

namespace IntegrationHub.Web.Tests;

public sealed class ConnectFormsTests
{
    private static readonly CatalogEntity[] Entities =
    [
        new("Customer", "Customer", ["inbound", "outbound"]),
        new("Account", "Account", ["inbound"]),
    ];

    [Fact]
    public void Sync_settings_default_to_inbound_hourly_and_are_valid()
    {
        var form = new SyncSettingsForm(Entities);
        Assert.Empty(form.Validate());
        var update = form.ToUpdate(form.Entities[0]);
        Assert.Equal(new SyncConfigUpdate(true, "inbound", 60, null, "lastWriteWins", "propagate"), update);
    }

    [Fact]
    public void Sync_settings_explain_every_mistake()
    {
        var form = new SyncSettingsForm(Entities) { IntervalMinutes = 0, ConflictPolicy = "coin-toss" };
        form.Entities[1].Direction = "both";
        var errors = form.Validate();
        Assert.Equal("The interval must be between 1 and 1440 minutes.", errors["interval"]);
        Assert.Equal("Account cannot sync both; choose inbound.", errors["direction:Account"]);
        Assert.True(errors.ContainsKey("conflictPolicy"));

        foreach (var e in form.Entities) e.Selected = false;
        Assert.Equal("Choose at least one entity to sync.", form.Validate()["entities"]);
    }

    [Fact]
    public void A_cron_schedule_needs_five_fields_and_replaces_the_interval()
    {
        var form = new SyncSettingsForm(Entities) { ScheduleKind = "cron", Cron = "0 */2 *" };
        Assert.Contains("this one has 3", form.Validate()["cron"]);
        form.Cron = " 0 */2 * * * ";
        Assert.Empty(form.Validate());
        Assert.Equal("0 */2 * * *", form.ToUpdate(form.Entities[0]).Cron);
    }

    [Fact]
    public void An_unselected_entity_is_saved_disabled()
    {
        var form = new SyncSettingsForm(Entities);
        form.Entities[0].Selected = false;
        Assert.False(form.ToUpdate(form.Entities[0]).Enabled);
    }

    [Fact]
    public void Credentials_ask_for_what_the_auth_kind_needs_and_send_nothing_else()
    {
        var basic = new CredentialsForm("Basic") { Username = "  finance ", ApiKey = "stray" };
        Assert.Equal(["username", "password"], basic.Fields.Select(f => f.Field));
        Assert.Equal("Password is required.", Assert.Single(basic.Validate()).Value);
        basic.Password = "s3cret";
        Assert.Empty(basic.Validate());
        Assert.Equal(new StaticCredentials(null, "finance", "s3cret", null, null), basic.ToRequest());

        var key = new CredentialsForm("ApiKey") { ApiKey = new string('k', 2001) };
        Assert.Equal("API key is longer than 2000 characters.", key.Validate()["apiKey"]);
        Assert.Empty(new CredentialsForm("OAuth2AuthorizationCode").Fields);
    }

    [Theory]
    [InlineData("pending", "choose_organisation", WizardStep.Organisation)]
    [InlineData("pending", "error", WizardStep.Authorise)]
    [InlineData("active", "connected", WizardStep.Test)]
    [InlineData("active", null, WizardStep.Test)]
    [InlineData("pending", null, WizardStep.Authorise)]
    [InlineData("needs_reauth", null, WizardStep.Authorise)]
    public void The_wizard_resumes_where_the_oauth_round_trip_left_it(string status, string? result, WizardStep expected) =>
        Assert.Equal(expected, WizardSteps.Resume(status, result));
}
