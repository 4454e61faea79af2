using IntegrationHub.Core.Webhooks.Outbound;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Webhooks;

/// <summary>The create-subscription form: its fields and the checks the dialog shows before the Api is asked.</summary>
public sealed class WebhookForm
{
    public const int DescriptionMax = 500;

    public string Url { get; set; } = "";
    public string? Description { get; set; }
    public SortedSet<string> EventTypes { get; } = new(StringComparer.Ordinal);

    /// <summary>Null when the URL can be sent; the Api checks it again (and refuses private addresses unless allowed).</summary>
    public static string? UrlError(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Enter the URL that receives the events.";
        if (url.Trim().Length > 2048) return "The URL is longer than 2048 characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return "Enter an absolute http:// or https:// URL.";
        return uri.UserInfo.Length > 0 ? "Leave user name and password out of the URL." : null;
    }

    public string? EventTypesError() => EventTypes.Count == 0
        ? "Choose at least one event type."
        : EventTypes.Select(EventTypeFilter.Validate).FirstOrDefault(e => e is not null) is { } error ? $"An event type {error}." : null;

    public bool IsValid => UrlError(Url) is null && EventTypesError() is null && (Description?.Length ?? 0) <= DescriptionMax;

    public void Toggle(string filter, bool on)
    {
        if (on) EventTypes.Add(filter);
        else EventTypes.Remove(filter);
    }

    public NewWebhookEndpoint ToRequest() =>
        new(Url.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), [.. EventTypes]);
}
