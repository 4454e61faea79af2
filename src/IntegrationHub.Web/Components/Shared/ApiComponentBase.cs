using IntegrationHub.Web.Api;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>
/// Base for components that call the Api: one place that turns failures into a snackbar, and an expired session
/// into a trip to the sign-in page, so each component only says what it wants done.
/// </summary>
public abstract class ApiComponentBase : ComponentBase
{
    [Inject] protected HubApiClient Api { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected IDialogService Dialogs { get; set; } = default!;
    [Inject] protected NavigationManager Nav { get; set; } = default!;

    /// <summary>Runs an Api call; returns false (after telling the user why) when it failed.</summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (HubApiException ex)
        {
            Report(ex);
            return false;
        }
    }

    protected void Report(HubApiException ex)
    {
        if (ex.IsUnauthorized)
        {
            Nav.NavigateTo("signin", forceLoad: true);
            return;
        }
        Snackbar.Add(ex.Message, Severity.Error);
    }

    protected async Task<bool> ConfirmAsync(string title, string message, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, message, yesText: yes, cancelText: "Cancel") == true;
}
