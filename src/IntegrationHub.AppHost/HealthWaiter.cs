using System.Net;

namespace IntegrationHub.AppHost;

/// <summary>Polls every service's /health until each answers 200, or fails naming the service and showing its last output.</summary>
public sealed class HealthWaiter(HttpClient http, TimeSpan timeout)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public Task WaitAllAsync(IEnumerable<(ServiceProcess Service, Uri BaseUrl)> services, CancellationToken ct) =>
        Task.WhenAll(services.Select(s => WaitAsync(s.Service, s.BaseUrl, ct)));

    private async Task WaitAsync(ServiceProcess service, Uri baseUrl, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var response = await http.GetAsync(new Uri(baseUrl, "/health"), ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct))}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                last = "health request timed out";
            }
            await Task.Delay(PollInterval, ct);
        }
        throw new StartupException(
            $"{service.Name} did not become healthy within {timeout.TotalSeconds:0} s at {baseUrl}health (last: {last}).\n" +
            $"Last output of {service.Name}:\n{service.RecentOutput()}");
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
