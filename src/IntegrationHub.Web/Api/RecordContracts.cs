using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Web.Api;

// Unified records of /api/v1/records as the Api writes them: side "host" or "external", version kind in lower case,
// origin as the engine names it (Sync, Push, Api, HostEvent, ConflictResolution), diffs as [{path, old, new}].

public sealed record RecordItem(Guid Id, string Entity, string Side, Guid? ConnectionId, string ExternalId, int Version, string Hash,
    JsonElement Data, DateTimeOffset? SourceUpdatedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeletedAt)
{
    public bool IsDeleted => DeletedAt is not null;
}

public sealed record RecordPage(IReadOnlyList<RecordItem> Items, int Page, int PageSize, int Total);

public sealed record RecordLinkInfo(Guid Id, Guid ConnectionId, string Entity, string HostId, string RemoteId, string? LastPushedHash,
    DateTimeOffset? LastPushedAt, string? LastPulledHash, DateTimeOffset? LastPulledAt, string? LastError, DateTimeOffset CreatedAt);

public sealed record RecordVersionInfo(long Id, int Version, string Kind, string Origin, JsonElement Snapshot, JsonElement Diff, string Hash,
    Guid? SyncRunId, int? MappingVersion, DateTimeOffset CreatedAt);

public sealed record RecordVersionPage(IReadOnlyList<RecordVersionInfo> Items, int Page, int PageSize, int Total);

public sealed record RecordDetail(RecordItem Record, IReadOnlyList<RecordLinkInfo> Links, RecordVersionInfo? LatestVersion);

/// <summary>
/// The records browser's filters. <see cref="Deleted"/>: null for every record, true for tombstones only, false for
/// live records only. The query string leaves out what is not set, so the Api's defaults apply.
/// </summary>
public sealed record RecordQuery(string? Entity = null, string? Side = null, Guid? ConnectionId = null, string? Text = null, bool? Deleted = null,
    DateTimeOffset? UpdatedSince = null, int Page = 1, int PageSize = 25)
{
    public string ToQueryString()
    {
        var args = new List<string> { $"page={Page}", $"pageSize={PageSize}" };
        if (!string.IsNullOrWhiteSpace(Entity)) args.Add("entity=" + Uri.EscapeDataString(Entity));
        if (!string.IsNullOrWhiteSpace(Side)) args.Add("side=" + Uri.EscapeDataString(Side));
        if (ConnectionId is { } id) args.Add($"connectionId={id}");
        if (!string.IsNullOrWhiteSpace(Text)) args.Add("q=" + Uri.EscapeDataString(Text.Trim()));
        if (Deleted is { } deleted) args.Add("deleted=" + (deleted ? "true" : "false"));
        if (UpdatedSince is { } since) args.Add("updatedSince=" + Uri.EscapeDataString(since.ToString("O", CultureInfo.InvariantCulture)));
        return "?" + string.Join("&", args);
    }
}
