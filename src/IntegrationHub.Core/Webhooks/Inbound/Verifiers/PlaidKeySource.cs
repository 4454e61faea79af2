using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// Fetches Plaid's webhook verification keys (POST {baseUrl}/webhook_verification_key/get with client_id, secret and
/// key_id) and caches them by kid; a key is refetched once its expired_at has passed.
/// </summary>
public sealed class PlaidKeySource(HttpClient http, Uri baseUrl, string clientId, string clientSecret, TimeProvider clock) : IPlaidKeySource
{
    private readonly ConcurrentDictionary<string, PlaidKey> _cache = new();

    public async Task<PlaidKey?> GetAsync(string kid, CancellationToken ct)
    {
        if (_cache.TryGetValue(kid, out var cached) && (cached.ExpiredAt is null || cached.ExpiredAt > clock.GetUtcNow())) return cached;
        using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "webhook_verification_key/get"),
            new { client_id = clientId, secret = clientSecret, key_id = kid }, ct);
        if (!response.IsSuccessStatusCode) return null;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(ct));
        if (!json.RootElement.TryGetProperty("key", out var key) || key.GetProperty("kid").GetString() != kid
            || key.GetProperty("crv").GetString() != "P-256"
            || !PlaidVerifier.TryDecode(key.GetProperty("x").GetString() ?? "", out var x)
            || !PlaidVerifier.TryDecode(key.GetProperty("y").GetString() ?? "", out var y))
            return null;
        DateTimeOffset? expired = key.TryGetProperty("expired_at", out var e) && e.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds(e.GetInt64()) : null;
        return _cache[kid] = new PlaidKey(kid, x, y, expired);
    }
}
