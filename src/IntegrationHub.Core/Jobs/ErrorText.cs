using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Error text shown to tenants and stored on runs: credentials that a provider or library echoed into a message
/// are masked, and the text is bounded.
/// </summary>
public static partial class ErrorText
{
    public const int MaxLength = 1000;

    public static string Sanitize(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return "The job failed without a message.";
        var text = Bearer().Replace(message, "$1 ***");
        text = Jwt().Replace(text, "***");
        text = KeyValue().Replace(text, "$1$2***");
        text = UserInfo().Replace(text, "$1***@");
        return text.Length <= MaxLength ? text : text[..MaxLength] + "…";
    }

    public static string Describe(Exception exception) => exception is Sync.ConnectorException
        ? Sanitize(exception.Message)
        : Sanitize($"{exception.GetType().Name}: {exception.Message}");

    [GeneratedRegex(@"(?i)\b(bearer|basic)\s+[A-Za-z0-9\-._~+/]+=*")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?i)\b(access_token|refresh_token|id_token|client_secret|password|pwd|api[_-]?key|secret|token|authorization)(""?\s*[:=]\s*""?)[^\s""&,;]+")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"(?i)(\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@")]
    private static partial Regex UserInfo();
}
