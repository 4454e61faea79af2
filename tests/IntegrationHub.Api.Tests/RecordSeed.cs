using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;

namespace IntegrationHub.Api.Tests;

/// <summary>Records, links, runs, conflicts and quarantines as the sync engine writes them, for the read and resolve API tests.</summary>
public static class RecordSeed
{
    public static SyncRecord Record(Guid tenantId, Guid? connectionId, string entity, string externalId, string json) => new()
    {
        TenantId = tenantId, Side = connectionId is null ? RecordSide.Host : RecordSide.External, ConnectionId = connectionId, Entity = entity,
        ExternalId = externalId, Data = JsonDocument.Parse(json), Hash = CanonicalJson.Hash(JsonNode.Parse(json)),
    };

    public sealed record Seeded(Guid HostRecordId, Guid ExternalRecordId, Guid LinkId, Guid RunId, Guid ConflictId, Guid QuarantineId);

    /// <summary>One of each, in the tenant and connection given; every text carries the marker so lists can be checked for leaks.</summary>
    public static async Task<Seeded> EverythingAsync(TestDatabase database, Guid tenantId, Guid connectionId, string marker)
    {
        await using var db = database.CreateContext(tenantId);
        var host = Record(tenantId, null, CanonicalEntities.Customer, marker + "-host", $$"""{"name":"{{marker}} host","email":"h@{{marker}}.test"}""");
        var external = Record(tenantId, connectionId, CanonicalEntities.Customer, marker + "-remote", $$"""{"name":"{{marker}} ext","email":"e@{{marker}}.test"}""");
        db.Records.AddRange(host, external);
        db.RecordVersions.Add(new RecordVersion { RecordId = host.Id, Version = 1, Kind = ChangeKind.Created, Origin = ChangeOrigin.HostEvent, Snapshot = host.Data, Diff = JsonDocument.Parse("[]"), Hash = host.Hash });
        var link = new RecordLink { ConnectionId = connectionId, Entity = CanonicalEntities.Customer, HostId = host.ExternalId, RemoteId = external.ExternalId, Base = JsonDocument.Parse($$"""{"name":"{{marker}}"}""") };
        db.RecordLinks.Add(link);
        var run = new SyncRun { ConnectionId = connectionId, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Manual, Entities = [CanonicalEntities.Customer], Status = SyncRunStatus.Running, Error = marker };
        db.SyncRuns.Add(run);
        var conflict = Conflict(tenantId, connectionId, host.ExternalId, external.ExternalId, marker);
        db.Conflicts.Add(conflict);
        var quarantine = new DeleteQuarantine { ConnectionId = connectionId, SyncRunId = run.Id, Entity = CanonicalEntities.Customer, RecordIds = [external.Id], EntityTotal = 1 };
        db.DeleteQuarantines.Add(quarantine);
        await db.SaveChangesAsync();
        return new Seeded(host.Id, external.Id, link.Id, run.Id, conflict.Id, quarantine.Id);
    }

    /// <summary>Both sides changed since the base: the host renamed the customer and changed the email, the provider changed email and phone.</summary>
    public static Conflict Conflict(Guid tenantId, Guid connectionId, string hostId, string remoteId, string marker = "acme") => new()
    {
        TenantId = tenantId, ConnectionId = connectionId, Entity = CanonicalEntities.Customer, HostId = hostId, RemoteId = remoteId,
        Base = JsonDocument.Parse($$"""{"name":"{{marker}}","email":"a@{{marker}}.test","phone":"1"}"""),
        Host = JsonDocument.Parse($$"""{"name":"{{marker}} AS","email":"host@{{marker}}.test","phone":"1"}"""),
        External = JsonDocument.Parse($$"""{"name":"{{marker}}","email":"ext@{{marker}}.test","phone":"2"}"""),
        HostChangedAt = DateTimeOffset.UtcNow.AddMinutes(-5), ExternalChangedAt = DateTimeOffset.UtcNow.AddMinutes(-3),
        ConflictingPaths = ["email"], Policy = ConflictPolicy.Manual,
    };
}
