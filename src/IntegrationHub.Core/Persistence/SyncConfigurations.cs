using System.Text.Json;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Core.Persistence;

internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>A small CLR value stored as jsonb, compared by its JSON so in-place edits are detected.</summary>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class, new() =>
        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                s => JsonSerializer.Deserialize<T>(s, Options) ?? new T(),
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!))
            .HasColumnType("jsonb");
}

internal sealed class SyncRecordConfiguration : IEntityTypeConfiguration<SyncRecord>
{
    public void Configure(EntityTypeBuilder<SyncRecord> b)
    {
        b.ToTable("records");
        b.Property(r => r.Side).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Entity).HasMaxLength(40);
        b.Property(r => r.ExternalId).HasMaxLength(200);
        b.Property(r => r.Hash).HasMaxLength(64);
        // Write-once JSON the database never looks inside is stored as json (its text, validated), not jsonb: jsonb's
        // conversion to its binary tree costs PostgreSQL about 3× the CPU of json's check, for every row of every pull
        // (docs/benchmarks.md, B1 step 4), and json keeps the provider's payload exactly as it was received.
        b.Property(r => r.Raw).HasColumnType("json");
        // One row per record per side; the host side has no connection, so NULLs must collide too.
        b.HasIndex(r => new { r.TenantId, r.ConnectionId, r.Entity, r.ExternalId }).IsUnique().AreNullsDistinct(false);
        b.HasIndex(r => new { r.ConnectionId, r.Entity, r.LastSeenRunId });
        b.HasIndex(r => new { r.TenantId, r.Entity, r.UpdatedAt });
        b.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecordVersionConfiguration : IEntityTypeConfiguration<RecordVersion>
{
    public void Configure(EntityTypeBuilder<RecordVersion> b)
    {
        b.ToTable("record_versions");
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.Origin).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Hash).HasMaxLength(64);
        b.Ignore(v => v.Diff);
        b.Property(v => v.Snapshot).HasColumnType("json");
        b.Property(v => v.StoredDiff).HasColumnName("diff").HasColumnType("json");
        b.HasIndex(v => new { v.RecordId, v.Version }).IsUnique();
        b.HasIndex(v => v.SyncRunId);
        b.HasOne<SyncRecord>().WithMany().HasForeignKey(v => v.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecordLinkConfiguration : IEntityTypeConfiguration<RecordLink>
{
    public void Configure(EntityTypeBuilder<RecordLink> b)
    {
        b.ToTable("record_links");
        b.Property(l => l.Entity).HasMaxLength(40);
        b.Property(l => l.HostId).HasMaxLength(200);
        b.Property(l => l.RemoteId).HasMaxLength(200);
        b.Property(l => l.LastPushedHash).HasMaxLength(64);
        b.Property(l => l.LastPulledHash).HasMaxLength(64);
        b.Property(l => l.LastError).HasMaxLength(2000);
        b.Property(l => l.Base).HasColumnType("json");
        b.HasIndex(l => new { l.ConnectionId, l.Entity, l.HostId }).IsUnique();
        b.HasIndex(l => new { l.ConnectionId, l.Entity, l.RemoteId }).IsUnique();
        b.HasOne<Connection>().WithMany().HasForeignKey(l => l.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncConfigConfiguration : IEntityTypeConfiguration<SyncConfig>
{
    public void Configure(EntityTypeBuilder<SyncConfig> b)
    {
        b.ToTable("sync_configs");
        b.Property(c => c.Entity).HasMaxLength(40);
        b.Property(c => c.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.Cron).HasMaxLength(100);
        b.Property(c => c.ConflictPolicy).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.MergeFallback).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.DeletePolicy).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.FieldPolicies).HasJsonConversion();
        b.Property(c => c.DeleteThresholdPercent).HasPrecision(5, 2);
        b.HasIndex(c => new { c.ConnectionId, c.Entity }).IsUnique();
        b.HasOne<Connection>().WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> b)
    {
        b.ToTable("sync_runs");
        b.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Counts).HasJsonConversion();
        b.Property(r => r.Error).HasMaxLength(4000);
        b.Property(r => r.JobId).HasMaxLength(64);
        b.Ignore(r => r.DurationMs);
        b.HasIndex(r => new { r.TenantId, r.ConnectionId, r.QueuedAt });
        b.HasIndex(r => r.QueuedAt);
        // The job dispatcher's work list: committed queued runs that have no Hangfire job yet.
        b.HasIndex(r => r.QueuedAt, "ix_sync_runs_undispatched").HasFilter("job_id IS NULL AND status = 'Queued'");
        b.HasIndex(r => new { r.TenantId, r.Status, r.FinishedAt });
        b.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncCheckpointConfiguration : IEntityTypeConfiguration<SyncCheckpoint>
{
    public void Configure(EntityTypeBuilder<SyncCheckpoint> b)
    {
        b.ToTable("sync_checkpoints");
        b.Property(c => c.Entity).HasMaxLength(40);
        b.Property(c => c.Cursor).HasMaxLength(2000);
        b.Property(c => c.PageToken).HasMaxLength(2000);
        b.Property(c => c.RunKind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => new { c.ConnectionId, c.Entity }).IsUnique();
        b.HasOne<Connection>().WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecordFailureConfiguration : IEntityTypeConfiguration<RecordFailure>
{
    public void Configure(EntityTypeBuilder<RecordFailure> b)
    {
        b.ToTable("record_failures");
        b.Property(f => f.Entity).HasMaxLength(40);
        b.Property(f => f.RecordKey).HasMaxLength(200);
        b.Property(f => f.ErrorClass).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Message).HasMaxLength(4000);
        b.Property(f => f.ProviderCode).HasMaxLength(100);
        b.Property(f => f.Fields).HasJsonConversion().HasDefaultValueSql("'[]'::jsonb");
        b.HasIndex(f => f.SyncRunId);
        b.HasOne<SyncRun>().WithMany().HasForeignKey(f => f.SyncRunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeleteQuarantineConfiguration : IEntityTypeConfiguration<DeleteQuarantine>
{
    public void Configure(EntityTypeBuilder<DeleteQuarantine> b)
    {
        b.ToTable("delete_quarantines");
        b.Property(q => q.Entity).HasMaxLength(40);
        b.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(q => new { q.TenantId, q.Status });
        b.HasOne<Connection>().WithMany().HasForeignKey(q => q.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConflictConfiguration : IEntityTypeConfiguration<Conflict>
{
    public void Configure(EntityTypeBuilder<Conflict> b)
    {
        b.ToTable("conflicts");
        b.Property(c => c.Entity).HasMaxLength(40);
        b.Property(c => c.HostId).HasMaxLength(200);
        b.Property(c => c.RemoteId).HasMaxLength(200);
        b.Property(c => c.Policy).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Reason).HasMaxLength(2000);
        b.HasIndex(c => new { c.TenantId, c.Status, c.CreatedAt });
        // At most one open conflict per record pair: a newer change updates the decision instead of piling up items.
        b.HasIndex(c => new { c.ConnectionId, c.Entity, c.HostId }).IsUnique().HasFilter("status = 'Open'");
        b.HasOne<Connection>().WithMany().HasForeignKey(c => c.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> b)
    {
        b.ToTable("inbox_events");
        b.Property(e => e.Source).HasMaxLength(40);
        b.Property(e => e.DedupeKey).HasMaxLength(200);
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Error).HasMaxLength(2000);
        b.HasIndex(e => new { e.Source, e.DedupeKey }).IsUnique();
        b.HasIndex(e => new { e.Status, e.NextAttemptAt }).HasFilter("status IN ('Received', 'Failed')");
        b.HasIndex(e => new { e.TenantId, e.ConnectionId, e.ReceivedAt });
    }
}
