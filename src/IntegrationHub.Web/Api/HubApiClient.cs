using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using Polly;

namespace IntegrationHub.Web.Api;

/// <summary>
/// The Api as the signed-in user sees it (one method per endpoint). Every failure surfaces as a
/// <see cref="HubApiException"/> whose message can be shown to the user as is.
/// </summary>
public sealed partial class HubApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public Task<Me> GetMeAsync(CancellationToken ct = default) => GetAsync<Me>("me", ct);

    public Task<TenantSummary> GetTenantAsync(CancellationToken ct = default) => GetAsync<TenantSummary>("tenant", ct);
    public Task RenameTenantAsync(string name, CancellationToken ct = default) => SendAsync(HttpMethod.Patch, "tenant", new { name }, ct);

    public Task<List<TenantUser>> GetUsersAsync(CancellationToken ct = default) => GetAsync<List<TenantUser>>("users", ct);
    public Task AddUserAsync(NewUser user, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "users", user, ct);
    public Task ChangeRoleAsync(Guid userId, string role, CancellationToken ct = default) => SendAsync(HttpMethod.Patch, $"users/{userId}", new { role }, ct);
    public Task RemoveUserAsync(Guid userId, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"users/{userId}", null, ct);

    public Task<List<ApiKeyInfo>> GetApiKeysAsync(CancellationToken ct = default) => GetAsync<List<ApiKeyInfo>>("api-keys", ct);
    public Task<CreatedApiKey> CreateApiKeyAsync(NewApiKey key, CancellationToken ct = default) => SendAsync<CreatedApiKey>(HttpMethod.Post, "api-keys", key, ct);
    public Task RevokeApiKeyAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"api-keys/{id}", null, ct);

    public Task<AuditPage> GetAuditAsync(AuditQuery query, CancellationToken ct = default) => GetAsync<AuditPage>("audit" + ToQueryString(query), ct);

    public Task<List<CatalogEntry>> GetCatalogAsync(CancellationToken ct = default) => GetAsync<List<CatalogEntry>>("catalog", ct);

    public Task<List<ConnectionInfo>> GetConnectionsAsync(CancellationToken ct = default) => GetAsync<List<ConnectionInfo>>("connections", ct);
    public Task<ConnectionInfo> GetConnectionAsync(Guid id, CancellationToken ct = default) => GetAsync<ConnectionInfo>($"connections/{id}", ct);
    public Task<ConnectionHealthReport> GetConnectionHealthAsync(Guid id, int hours, CancellationToken ct = default) =>
        GetAsync<ConnectionHealthReport>($"connections/{id}/health?hours={hours}", ct);
    public Task<ConnectionInfo> CreateConnectionAsync(NewConnection connection, CancellationToken ct = default) =>
        SendAsync<ConnectionInfo>(HttpMethod.Post, "connections", connection, ct);
    public Task<OAuthStart> StartOAuthAsync(Guid id, string returnUrl, CancellationToken ct = default) =>
        SendAsync<OAuthStart>(HttpMethod.Post, $"connections/{id}/oauth/start", new { returnUrl }, ct);
    public Task<List<Organisation>> GetOrganisationsAsync(Guid id, CancellationToken ct = default) => GetAsync<List<Organisation>>($"connections/{id}/organisations", ct);
    public Task<ConnectionInfo> ChooseOrganisationAsync(Guid id, string externalTenantId, CancellationToken ct = default) =>
        SendAsync<ConnectionInfo>(HttpMethod.Post, $"connections/{id}/organisation", new { externalTenantId }, ct);
    public Task<ConnectionInfo> SetCredentialsAsync(Guid id, StaticCredentials credentials, CancellationToken ct = default) =>
        SendAsync<ConnectionInfo>(HttpMethod.Put, $"connections/{id}/credentials", credentials, ct);
    public Task<ConnectionInfo> TestConnectionAsync(Guid id, CancellationToken ct = default) => SendAsync<ConnectionInfo>(HttpMethod.Post, $"connections/{id}/test", null, ct);
    public Task<DisconnectResult> DisconnectAsync(Guid id, CancellationToken ct = default) => SendAsync<DisconnectResult>(HttpMethod.Post, $"connections/{id}/disconnect", null, ct);

    public Task SaveSyncConfigAsync(Guid connectionId, string entity, SyncConfigUpdate config, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"connections/{connectionId}/sync-configs/{Uri.EscapeDataString(entity)}", config, ct);

    /// <summary>Starts a sync; returns the queued run when the Api describes it.</summary>
    public async Task<SyncRunSummary?> StartSyncAsync(Guid connectionId, string mode, CancellationToken ct = default)
    {
        using var response = await ExchangeAsync(Request(HttpMethod.Post, $"connections/{connectionId}/sync", new { mode }), ct);
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true) return null;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        return SyncRunReader.ReadRun(body);
    }

    public async Task<IReadOnlyList<SyncRunSummary>> GetSyncRunsAsync(Guid connectionId, CancellationToken ct = default) =>
        SyncRunReader.ReadRuns(await GetAsync<JsonElement>($"sync-runs?connectionId={connectionId}&pageSize=10", ct));

    public Task<SyncRunPage> GetSyncRunPageAsync(SyncRunQuery q, CancellationToken ct = default)
    {
        var args = new List<string> { $"page={q.Page}", $"pageSize={q.PageSize}" };
        if (q.ConnectionId is { } id) args.Add($"connectionId={id}");
        if (!string.IsNullOrWhiteSpace(q.Status)) args.Add("status=" + Uri.EscapeDataString(q.Status));
        return GetAsync<SyncRunPage>("sync-runs?" + string.Join("&", args), ct);
    }

    public Task<SyncRunDetail> GetSyncRunAsync(Guid id, CancellationToken ct = default) => GetAsync<SyncRunDetail>($"sync-runs/{id}", ct);

    public Task<DeadLetterPage> GetDeadLettersAsync(int page, int pageSize, CancellationToken ct = default) =>
        GetAsync<DeadLetterPage>($"dead-letter?page={page}&pageSize={pageSize}", ct);

    public Task<RedriveResult> RedriveAsync(IReadOnlyCollection<string> jobIds, CancellationToken ct = default) =>
        SendAsync<RedriveResult>(HttpMethod.Post, "dead-letter/redrive", new { jobIds }, ct);

    public Task<ConflictPage> GetConflictsAsync(string? status, int page, int pageSize, string? entity = null, CancellationToken ct = default) =>
        GetAsync<ConflictPage>($"conflicts?page={page}&pageSize={pageSize}" + (string.IsNullOrWhiteSpace(status) ? "" : "&status=" + Uri.EscapeDataString(status))
            + (string.IsNullOrWhiteSpace(entity) ? "" : "&entity=" + Uri.EscapeDataString(entity)), ct);

    public Task<ConflictDetail> GetConflictAsync(Guid id, CancellationToken ct = default) => GetAsync<ConflictDetail>($"conflicts/{id}", ct);

    /// <summary>Resolves by a side ("host", "external") or, with per-path sides, as "merged".</summary>
    public Task<ConflictResolved> ResolveConflictAsync(Guid id, string choose, IReadOnlyDictionary<string, string>? fields = null, CancellationToken ct = default) =>
        SendAsync<ConflictResolved>(HttpMethod.Post, $"conflicts/{id}/resolve", fields is null ? new { choose } : new { choose, fields }, ct);

    public Task<BulkResolved> ResolveConflictsAsync(IReadOnlyCollection<Guid> ids, string choose, CancellationToken ct = default) =>
        SendAsync<BulkResolved>(HttpMethod.Post, "conflicts/resolve-bulk", new { ids, choose }, ct);

    /// <summary>Merged with a side per path and, for paths a person edited, the value to keep.</summary>
    public Task<ConflictResolved> ResolveConflictMergedAsync(Guid id, IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, JsonNode?> values,
        CancellationToken ct = default) =>
        SendAsync<ConflictResolved>(HttpMethod.Post, $"conflicts/{id}/resolve", new { choose = "merged", fields, values }, ct);

    /// <summary>Every open conflict (of one entity, or all when null) resolved the same way: the bulk policy.</summary>
    public Task<BulkResolved> ResolveConflictsByFilterAsync(string? entity, string choose, CancellationToken ct = default) =>
        SendAsync<BulkResolved>(HttpMethod.Post, "conflicts/resolve-bulk", new { filter = new { entity }, choose }, ct);

    public Task<RecordPage> GetRecordsAsync(RecordQuery query, CancellationToken ct = default) => GetAsync<RecordPage>("records" + query.ToQueryString(), ct);
    public Task<RecordDetail> GetRecordAsync(Guid id, CancellationToken ct = default) => GetAsync<RecordDetail>($"records/{id}", ct);
    public Task<RecordVersionPage> GetRecordVersionsAsync(Guid id, int page, int pageSize, CancellationToken ct = default) =>
        GetAsync<RecordVersionPage>($"records/{id}/versions?page={page}&pageSize={pageSize}", ct);

    // Mapping rules travel in the engine's own JSON shape (enums as camelCase strings), so these calls use MappingJson's options.
    public Task<MappingInfo> GetMappingAsync(Guid connectionId, string entity, CancellationToken ct = default) =>
        GetAsync<MappingInfo>(MappingPath(connectionId, entity), ct, MappingJson.Options);
    public Task<MappingValidation> ValidateMappingAsync(Guid connectionId, string entity, IReadOnlyList<MappingRule> rules, CancellationToken ct = default) =>
        SendAsync<MappingValidation>(HttpMethod.Post, MappingPath(connectionId, entity) + "/validate", new { rules }, ct, MappingJson.Options);
    public Task<MappingPreviewResult> PreviewMappingAsync(Guid connectionId, string entity, IReadOnlyList<MappingRule> rules, int limit, CancellationToken ct = default) =>
        SendAsync<MappingPreviewResult>(HttpMethod.Post, MappingPath(connectionId, entity) + "/preview", new { rules, limit }, ct, MappingJson.Options);
    public Task<MappingSaved> SaveMappingAsync(Guid connectionId, string entity, IReadOnlyList<MappingRule> rules, CancellationToken ct = default) =>
        SendAsync<MappingSaved>(HttpMethod.Put, MappingPath(connectionId, entity), new { rules }, ct, MappingJson.Options);
    public Task<List<MappingVersionInfo>> GetMappingVersionsAsync(Guid connectionId, string entity, CancellationToken ct = default) =>
        GetAsync<List<MappingVersionInfo>>(MappingPath(connectionId, entity) + "/versions", ct);
    public Task<MappingSaved> RollbackMappingAsync(Guid connectionId, string entity, int version, CancellationToken ct = default) =>
        SendAsync<MappingSaved>(HttpMethod.Post, MappingPath(connectionId, entity) + $"/rollback/{version}", null, ct);

    public Task<List<LookupTableInfo>> GetLookupTablesAsync(CancellationToken ct = default) => GetAsync<List<LookupTableInfo>>("lookup-tables", ct);
    public Task<LookupTableInfo> CreateLookupTableAsync(LookupTableUpdate table, CancellationToken ct = default) =>
        SendAsync<LookupTableInfo>(HttpMethod.Post, "lookup-tables", table, ct);
    public Task<LookupTableInfo> UpdateLookupTableAsync(Guid id, LookupTableUpdate table, CancellationToken ct = default) =>
        SendAsync<LookupTableInfo>(HttpMethod.Put, $"lookup-tables/{id}", table, ct);
    public Task DeleteLookupTableAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"lookup-tables/{id}", null, ct);
    public Task<AccountSuggestionSet> GetAccountSuggestionsAsync(Guid connectionId, CancellationToken ct = default) =>
        GetAsync<AccountSuggestionSet>($"connections/{connectionId}/account-suggestions", ct);

    private static string MappingPath(Guid connectionId, string entity) => $"connections/{connectionId}/mappings/{Uri.EscapeDataString(entity)}";

    public Task<OperatorConnectionPage> GetAllConnectionsAsync(OperatorConnectionQuery q, CancellationToken ct = default)
    {
        var args = new List<string> { $"page={q.Page}", $"pageSize={q.PageSize}" };
        if (!string.IsNullOrWhiteSpace(q.Status)) args.Add("status=" + Uri.EscapeDataString(q.Status));
        if (!string.IsNullOrWhiteSpace(q.Provider)) args.Add("provider=" + Uri.EscapeDataString(q.Provider));
        return GetAsync<OperatorConnectionPage>("admin/connections?" + string.Join("&", args), ct);
    }

    public Task<PlatformMetrics> GetPlatformMetricsAsync(int hours, CancellationToken ct = default) =>
        GetAsync<PlatformMetrics>($"admin/metrics?hours={hours}", ct);

    public Task<List<AdminTenant>> GetAllTenantsAsync(CancellationToken ct = default) => GetAsync<List<AdminTenant>>("admin/tenants", ct);
    public Task CreateTenantAsync(NewTenant tenant, CancellationToken ct = default) => SendAsync(HttpMethod.Post, "admin/tenants", tenant, ct);
    public Task DisableTenantAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, $"admin/tenants/{id}/disable", null, ct);
    public Task EnableTenantAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Post, $"admin/tenants/{id}/enable", null, ct);

    private async Task<T> GetAsync<T>(string path, CancellationToken ct, JsonSerializerOptions? options = null)
    {
        using var response = await ExchangeAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await ReadAsync<T>(response, ct, options);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct, JsonSerializerOptions? options = null)
    {
        using var response = await ExchangeAsync(Request(method, path, body, options), ct);
        return await ReadAsync<T>(response, ct, options);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await ExchangeAsync(Request(method, path, body), ct);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, JsonSerializerOptions? options = null) =>
        new(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: options ?? Json) };

    /// <summary>Sends the request and throws a readable <see cref="HubApiException"/> for transport failures and error statuses.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            using (request) response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new HubApiException(null, "The IntegrationHub Api is not reachable right now", "Try again in a moment", inner: ex);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw await ProblemReader.ReadAsync(response, ct);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct, JsonSerializerOptions? options = null) =>
        await response.Content.ReadFromJsonAsync<T>(options ?? Json, ct)
        ?? throw new HubApiException((int)response.StatusCode, "The Api returned an empty response");

    private static string ToQueryString(AuditQuery q)
    {
        var args = new List<string> { $"page={q.Page}", $"pageSize={q.PageSize}" };
        if (!string.IsNullOrWhiteSpace(q.Action)) args.Add("action=" + Uri.EscapeDataString(q.Action));
        if (!string.IsNullOrWhiteSpace(q.Actor)) args.Add("actor=" + Uri.EscapeDataString(q.Actor.Trim()));
        if (q.From is { } from) args.Add("from=" + Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        if (q.To is { } to) args.Add("to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        return "?" + string.Join("&", args);
    }
}
