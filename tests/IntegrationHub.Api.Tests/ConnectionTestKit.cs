using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Api.Tests;

/// <summary>Connects a tenant to a simulated provider through the real Api and the real consent page.</summary>
public static class ConnectionTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> CreateAsync(HttpClient admin, string provider)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/connections", new { provider, environment = "simulator" }, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    public static async Task<string> StartAsync(HttpClient admin, Guid connectionId, string? returnUrl = null)
    {
        var started = await admin.PostAsJsonAsync($"/api/v1/connections/{connectionId}/oauth/start", new { returnUrl }, Ct);
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("authorizeUrl").GetString()!;
    }

    /// <summary>Create, start, consent, call back: returns the connection id and the callback response.</summary>
    public static async Task<(Guid Id, HttpResponseMessage Callback)> ConnectAsync(ApiFactory api, HttpClient admin, string provider,
        Func<IReadOnlyList<string>, IEnumerable<string>>? chooseTenants = null)
    {
        var id = await CreateAsync(admin, provider);
        var redirect = await ConsentDriver.ConsentAsync(await StartAsync(admin, id), chooseTenants: chooseTenants);
        var callback = await api.CreateClient().GetAsync(new Uri(redirect).PathAndQuery, Ct);
        return (id, callback);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}", Ct);
}
