using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Dialogs;

public sealed class NewApiKeyForm
{
    public string Name { get; set; } = "";
    // Ordered so the request lists scopes the way the Api documents them.
    public SortedSet<string> Scopes { get; } = new(StringComparer.Ordinal) { ApiScopes.Read };
    public DateTime? ExpiresOn { get; set; }

    /// <summary>The key stops working at the start (00:00 UTC) of the chosen day, which is the day the list shows.</summary>
    public NewApiKey ToRequest() => new(Name.Trim(), [.. Scopes],
        ExpiresOn is { } day ? new DateTimeOffset(DateTime.SpecifyKind(day.Date, DateTimeKind.Utc)) : null);
}
