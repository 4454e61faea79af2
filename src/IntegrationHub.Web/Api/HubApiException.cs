namespace IntegrationHub.Web.Api;

/// <summary>An Api failure turned into something a person can read: the ProblemDetails title, detail and field errors.</summary>
public sealed class HubApiException(int? status, string title, string? detail = null,
    IReadOnlyDictionary<string, string[]>? errors = null, Exception? inner = null)
    : Exception(Compose(title, detail, errors), inner)
{
    public int? Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public bool IsUnauthorized => Status == StatusCodes.Status401Unauthorized;

    private static string Compose(string title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var parts = new List<string> { title.TrimEnd('.') + "." };
        if (!string.IsNullOrWhiteSpace(detail) && detail != title) parts.Add(detail.TrimEnd('.') + ".");
        if (errors is not null) parts.AddRange(errors.Values.SelectMany(v => v).Select(m => m.TrimEnd('.') + "."));
        return string.Join(" ", parts.Distinct());
    }
}
