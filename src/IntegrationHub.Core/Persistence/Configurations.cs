using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Core.Persistence;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> b)
    {
        b.Property(t => t.Name).HasMaxLength(200);
        b.Property(t => t.Slug).HasMaxLength(60);
        b.HasIndex(t => t.Slug).IsUnique();
    }
}

internal sealed class TenantMembershipConfiguration : IEntityTypeConfiguration<TenantMembership>
{
    public void Configure(EntityTypeBuilder<TenantMembership> b)
    {
        b.HasKey(m => new { m.TenantId, m.UserId });
        b.HasIndex(m => m.UserId);
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasOne(m => m.Tenant).WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(20);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => k.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.Property(e => e.Action).HasMaxLength(64);
        b.Property(e => e.ActorType).HasMaxLength(16);
        b.Property(e => e.ActorId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.TargetType).HasMaxLength(64);
        b.Property(e => e.TargetId).HasMaxLength(64);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.HasIndex(e => new { e.TenantId, e.OccurredAt });
        b.HasIndex(e => new { e.TenantId, e.Action });
    }
}

internal sealed class HubUserConfiguration : IEntityTypeConfiguration<HubUser>
{
    public void Configure(EntityTypeBuilder<HubUser> b) => b.Property(u => u.DisplayName).HasMaxLength(200);
}

internal sealed class StoredSecretConfiguration : IEntityTypeConfiguration<Credentials.Embedded.StoredSecret>
{
    public void Configure(EntityTypeBuilder<Credentials.Embedded.StoredSecret> b)
    {
        b.ToTable("secrets");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.MasterKeyId).HasMaxLength(16);
        b.HasIndex(s => new { s.Name, s.Version }).IsUnique();
        b.HasIndex(s => s.MasterKeyId);
    }
}
