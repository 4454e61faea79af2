using System.Globalization;
using IntegrationHub.Core.Events;
using IntegrationHub.Web.Api;
using MudBlazor;

namespace IntegrationHub.Web.Components.Webhooks;

/// <summary>An event type a subscription can filter on, with what it announces.</summary>
public sealed record EventTypeChoice(string Filter, string Description);

/// <summary>How the webhook pages name event types, delivery and inbound statuses, durations and response bodies.</summary>
public static class WebhookView
{
    /// <summary>The longest response body the delivery log shows inline; the rest is cut with an ellipsis.</summary>
    public const int BodyPreviewLength = 300;

    /// <summary>The tenant event types the hub emits, then the wildcards; platform-only events are not offered.</summary>
    public static readonly IReadOnlyList<EventTypeChoice> KnownEventTypes =
    [
        new(EventTypes.RecordCreated, "A record was created (host or external side)."),
        new(EventTypes.RecordUpdated, "A record changed."),
        new(EventTypes.RecordDeleted, "A record was deleted."),
        new(EventTypes.InvoicePaid, "An invoice was paid, in full or in part."),
        new(EventTypes.ConflictOpened, "Both sides changed a record and a person must decide."),
        new(EventTypes.SyncRunCompleted, "A sync run finished."),
        new(EventTypes.SyncRunFailed, "A sync run failed."),
        new(EventTypes.ConnectionActivated, "A connection became active."),
        new(EventTypes.ConnectionNeedsReauth, "A connection needs to be authorised again."),
        new(EventTypes.ConnectionDisconnected, "A connection was disconnected."),
        new(EventTypes.EndpointDisabled, "Another endpoint of this tenant was disabled after failing."),
        new("record.*", "Every record event."),
        new("sync_run.*", "Every sync run event."),
        new("connection.*", "Every connection event."),
        new("*", "Everything."),
    ];

    public static (string Label, Color Color) MessageStatus(string status) => status switch
    {
        "pending" => ("Pending", Color.Default),
        "sending" => ("Sending", Color.Info),
        "succeeded" => ("Delivered", Color.Success),
        "failed" => ("Failed, will retry", Color.Warning),
        "deadLettered" => ("Gave up", Color.Error),
        _ => (status, Color.Default),
    };

    /// <summary>Statuses of the delivery log filter, in the Api's spelling.</summary>
    public static readonly IReadOnlyList<string> MessageStatuses = ["pending", "sending", "succeeded", "failed", "deadLettered"];

    public static (string Label, Color Color) InboundStatus(string status) => status switch
    {
        "received" => ("Received", Color.Default),
        "processing" => ("Processing", Color.Info),
        "processed" => ("Processed", Color.Success),
        "failed" => ("Failed", Color.Error),
        "ignored" => ("Ignored", Color.Default),
        _ => (status, Color.Default),
    };

    public static readonly IReadOnlyList<string> InboundStatuses = ["received", "processing", "processed", "failed", "ignored"];

    public static (string Label, Color Color) EndpointStatus(WebhookEndpointInfo endpoint) =>
        endpoint.Enabled
            ? endpoint.FailingSince is null ? ("Enabled", Color.Success) : ("Failing", Color.Warning)
            : ("Disabled", Color.Default);

    public static string Duration(int milliseconds) => milliseconds < 1000
        ? milliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
        : (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    /// <summary>At most <paramref name="max"/> characters, whitespace collapsed, "…" when cut; "(empty)" for no body.</summary>
    public static string Preview(string? body, int max = BodyPreviewLength)
    {
        if (string.IsNullOrWhiteSpace(body)) return "(empty)";
        var text = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= max ? text : text[..max] + "…";
    }

    /// <summary>A value of an &lt;input type="datetime-local"&gt; ("2026-11-29T23:05", seconds optional) read as UTC; null when empty or unreadable.</summary>
    public static DateTimeOffset? ParseUtc(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTime.TryParseExact(value.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc))
            : null;
    }

    /// <summary>The value for a datetime-local input (minutes precision, UTC).</summary>
    public static string ToInput(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>Why a recovery range cannot be sent, or null: since is required, until is optional and must come after since.</summary>
    public static string? RangeError(string? since, string? until)
    {
        if (ParseUtc(since) is not { } from) return "Choose when the range starts.";
        if (string.IsNullOrWhiteSpace(until)) return null;
        if (ParseUtc(until) is not { } to) return "The end of the range is not a date and time.";
        return to <= from ? "The end of the range must come after its start." : null;
    }
}
