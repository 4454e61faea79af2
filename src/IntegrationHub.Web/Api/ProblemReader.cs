using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Web.Api;

/// <summary>Turns a failed response into a <see cref="HubApiException"/>, reading RFC 7807 ProblemDetails when the body has them.</summary>
internal static class ProblemReader
{
    private sealed record Problem(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    public static async Task<HubApiException> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        Problem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<Problem>(JsonSerializerOptions.Web, ct);
            }
            catch (JsonException)
            {
                // A non-ProblemDetails JSON body: fall back to the status text below.
            }
        }
        var title = problem?.Title ?? DefaultTitle(status, response.ReasonPhrase);
        return new HubApiException(status, title, problem?.Detail, problem?.Errors);
    }

    private static string DefaultTitle(int status, string? reason) => status switch
    {
        401 => "Your session has expired; sign in again",
        403 => "You do not have permission to do that",
        404 => "Not found",
        _ => $"The Api answered {status} {reason}".Trim(),
    };
}
