using System.Net;

namespace IntegrationHub.AppHost;

/// <summary>The Hangfire dashboard is listed only once a service actually serves it, so the URL table never shows a dead link.</summary>
public static class HangfireProbe
{
    public static async Task<string?> FindAsync(HttpClient http, IEnumerable<Uri> candidates, CancellationToken ct)
    {
        foreach (var baseUrl in candidates)
        {
            var url = new Uri(baseUrl, "operator/jobs");
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.StatusCode != HttpStatusCode.NotFound) return url.ToString();
            }
            catch (HttpRequestException)
            {
                // A service that cannot answer here has no dashboard worth listing.
            }
        }
        return null;
    }
}
