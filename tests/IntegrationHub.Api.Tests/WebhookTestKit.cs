using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Webhooks.Outbound;

namespace IntegrationHub.Api.Tests;

/// <summary>Webhook resources owned by one tenant, made through the Api (endpoints) and the database (messages, inbound events the workers would write).</summary>
public static class WebhookTestKit
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Resources(Guid EndpointId, string Secret, long MessageId, long InboundEventId);

    public static async Task<Resources> CreateAsync(TestTenant tenant, Guid connectionId, string description = "Alpha hook")
    {
        var response = await tenant.Admin().PostAsJsonAsync("/api/v1/webhook-endpoints",
            new { url = "https://hooks.example.com/alpha", description, eventTypes = new[] { "record.*" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var endpointId = created.GetProperty("endpoint").GetProperty("id").GetGuid();
        await using var db = tenant.Factory.Database.CreateContext(tenant.Id);
        var message = new WebhookMessage
        {
            EndpointId = endpointId, EventId = Guid.NewGuid(), EventType = "record.created", Body = """{"type":"record.created","timestamp":"2026-11-29T00:00:00Z","data":{}}""",
            Status = WebhookMessageStatus.DeadLettered, Attempts = 8,
        };
        db.WebhookMessages.Add(message);
        var inbound = new InboxEvent
        {
            Source = "xero", DedupeKey = Guid.NewGuid().ToString(), ConnectionId = connectionId, Type = "xero.invoice.update", Status = InboxStatus.Failed, Error = "boom",
            Payload = JsonSerializer.SerializeToDocument(new { entity = "Invoice", remoteId = "i1", operation = "UPDATE" }),
        };
        db.InboxEvents.Add(inbound);
        await db.SaveChangesAsync(Ct);
        return new Resources(endpointId, created.GetProperty("secret").GetString()!, message.Id, inbound.Id);
    }
}
