namespace IntegrationHub.Core.Events;

/// <summary>Redis stream names and field names of the event bus (README "Events" describes them for consumers).</summary>
public static class EventStreams
{
    public const string Platform = "hub:events:platform";
    public const string HostEvents = "hub:host-events";
    public const string HostEventsGroup = "hub-sync";

    /// <summary>The stream a tenant's events are published to; platform events (tenant Guid.Empty) go to the operators' stream.</summary>
    public static string ForTenant(Guid tenantId) =>
        tenantId == EventTypes.PlatformTenant ? Platform : $"hub:events:{tenantId:D}";

    /// <summary>Fields of every published event; consumers dedupe by <see cref="Id"/> (a retried publish repeats it).</summary>
    public static class Fields
    {
        public const string Id = "id";
        public const string Tenant = "tenant";
        public const string Type = "type";
        public const string OccurredAt = "occurredAt";
        public const string Payload = "payload";
        /// <summary>Host events carry their canonical record in "data".</summary>
        public const string Data = "data";
    }
}
