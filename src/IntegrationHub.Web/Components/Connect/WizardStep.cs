namespace IntegrationHub.Web.Components.Connect;

/// <summary>The connect wizard's steps, in order.</summary>
public enum WizardStep { Provider, Environment, Authorise, Organisation, Test, Sync, Started }

public static class WizardSteps
{
    public static IReadOnlyList<string> Titles { get; } = ["Provider", "Environment", "Authorise", "Organisation", "Test", "Sync settings", "First sync"];

    /// <summary>
    /// Where a wizard opened on an existing connection resumes: the OAuth callback's result (from the query string) wins,
    /// then the connection's status decides.
    /// </summary>
    public static WizardStep Resume(string status, string? callbackResult) => callbackResult switch
    {
        "choose_organisation" => WizardStep.Organisation,
        "error" => WizardStep.Authorise,
        _ => status == "active" ? WizardStep.Test : WizardStep.Authorise,
    };
}
