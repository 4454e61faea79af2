using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Core.Persistence;

internal sealed class ConnectionConfiguration : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> b)
    {
        b.Property(c => c.Provider).HasMaxLength(40);
        b.Property(c => c.Environment).HasMaxLength(20);
        b.Property(c => c.DisplayName).HasMaxLength(200);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.StatusReason).HasMaxLength(500);
        b.Property(c => c.ExternalTenantId).HasMaxLength(100);
        b.Property(c => c.ExternalTenantName).HasMaxLength(200);
        b.Property(c => c.CredentialVersion).HasMaxLength(64);
        b.Property(c => c.LastTestMessage).HasMaxLength(500);
        b.Property(c => c.RowVersion).IsRowVersion();
        b.HasIndex(c => new { c.TenantId, c.Provider });
        // One live connection per tenant, provider and external company; disconnected ones stay for history.
        b.HasIndex(c => new { c.TenantId, c.Provider, c.ExternalTenantId }).IsUnique()
            .HasFilter("external_tenant_id IS NOT NULL AND disconnected_at IS NULL");
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OAuthStateConfiguration : IEntityTypeConfiguration<OAuthState>
{
    public void Configure(EntityTypeBuilder<OAuthState> b)
    {
        b.ToTable("oauth_states");
        b.HasIndex(s => s.StateHash).IsUnique();
        b.Property(s => s.RedirectUri).HasMaxLength(500);
        b.Property(s => s.ReturnUrl).HasMaxLength(500);
        b.HasOne<Connection>().WithMany().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> b)
    {
        b.ToTable("outbox_events");
        b.Property(e => e.Type).HasMaxLength(64);
        b.Property(e => e.Payload).HasColumnType("json");
        b.HasIndex(e => e.EventId).IsUnique();
        b.HasIndex(e => e.Id).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_events_unpublished");
        b.HasIndex([nameof(OutboxEvent.Id)], "ix_outbox_events_webhook_fanout_pending").HasFilter("webhook_fanout_at IS NULL");
    }
}
