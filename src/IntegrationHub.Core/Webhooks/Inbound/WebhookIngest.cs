using IntegrationHub.Core.Connections;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>The answer to one inbound request: status, and a body only for handshakes.</summary>
public sealed record IngestResult(int Status, string Reason, string? PlainTextBody = null, int Stored = 0);

/// <summary>
/// The provider-agnostic pipeline: route → verify on the raw bytes → parse → resolve the connection(s) → persist to
/// the inbox (deduped) → acknowledge. Nothing is parsed before the signature is good, nothing is processed here.
/// Unknown provider, unknown connection and unconfigured key all answer the same 404.
/// </summary>
public sealed class WebhookIngest(IEnumerable<IWebhookSource> sources, ProviderSettings settings, WebhookConnections connections,
    InboxWriter inbox, TimeProvider clock, ILogger<WebhookIngest> logger)
{
    private readonly Dictionary<string, IWebhookSource> _sources = sources.ToDictionary(s => s.Provider, StringComparer.OrdinalIgnoreCase);
    private static readonly IngestResult NotFound = new(404, "unknown provider or connection");

    public async Task<IngestResult> HandleAsync(string provider, Guid? connectionId, InboundWebhook request, CancellationToken ct)
    {
        if (!_sources.TryGetValue(provider, out var source)) return NotFound;
        WebhookTarget? only = null;
        if (connectionId is { } id && (only = await connections.FindAsync(source.Provider, id, ct)) is null) return NotFound;
        if (await settings.WebhookKeyAsync(source.Provider, settings.DefaultEnvironment, ct) is not { } key) return NotFound;

        var verdict = await source.Verifier.VerifyAsync(request, key, clock.GetUtcNow(), ct);
        switch (verdict.Outcome)
        {
            case VerificationOutcome.Handshake:
                return new IngestResult(200, "handshake", verdict.HandshakeResponse);
            case VerificationOutcome.Forged or VerificationOutcome.Stale:
                logger.LogWarning("Refused a {Provider} webhook: {Reason}", source.Provider, verdict.Reason);
                return new IngestResult(401, verdict.Reason);
            case VerificationOutcome.Malformed:
                return new IngestResult(400, verdict.Reason);
        }

        var parsed = source.Parse(request.Body);
        if (parsed.Error is { } error) return new IngestResult(400, error);
        if (parsed.Events.Count == 0) return new IngestResult(200, "handshake");

        var rows = new List<InboxRow>();
        foreach (var group in parsed.Events.GroupBy(e => e.ExternalTenantId))
        {
            var targets = only is not null ? [only] : await connections.ResolveAsync(source.Provider, group.Key, ct);
            foreach (var target in targets)
                rows.AddRange(group.Select(e => new InboxRow(source.Provider, DedupeKey(e.DedupeKey, target), target.TenantId, target.ConnectionId, Trim(e.Type, 100), e.PayloadJson)));
        }
        if (rows.Count == 0) return NotFound;
        await inbox.WriteAsync(rows, ct);
        return new IngestResult(200, "stored", Stored: rows.Count);
    }

    /// <summary>Per connection, because two tenants may connect the same company and each must process the event once.</summary>
    private static string DedupeKey(string eventKey, WebhookTarget target) => Trim($"{target.ConnectionId:N}:{eventKey}", 200);

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}
