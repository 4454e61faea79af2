using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Core.Persistence;

internal sealed class FieldMappingConfiguration : IEntityTypeConfiguration<FieldMapping>
{
    public void Configure(EntityTypeBuilder<FieldMapping> b)
    {
        b.ToTable("field_mappings");
        b.Property(m => m.Entity).HasMaxLength(40);
        b.Property(m => m.CreatedBy).HasMaxLength(200);
        b.HasIndex(m => new { m.ConnectionId, m.Entity, m.Version }).IsUnique();
        // At most one active version per connection and entity.
        b.HasIndex(m => new { m.ConnectionId, m.Entity }).IsUnique().HasFilter("is_active");
        b.HasOne<Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LookupTableConfiguration : IEntityTypeConfiguration<LookupTable>
{
    public void Configure(EntityTypeBuilder<LookupTable> b)
    {
        b.ToTable("lookup_tables");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Description).HasMaxLength(500);
        b.Property(t => t.Fallback).HasMaxLength(500);
        b.Property(t => t.Entries).HasJsonConversion();
        b.HasIndex(t => new { t.TenantId, t.Name }).IsUnique();
    }
}
