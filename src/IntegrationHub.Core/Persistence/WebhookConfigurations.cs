using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Core.Persistence;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.ToTable("webhook_endpoints");
        b.Property(e => e.Url).HasMaxLength(2048);
        b.Property(e => e.Description).HasMaxLength(500);
        b.Property(e => e.DisabledReason).HasMaxLength(500);
        b.Property(e => e.SecretVersion).HasMaxLength(100);
        b.Property(e => e.PreviousSecretVersion).HasMaxLength(100);
        b.Ignore(e => e.SecretName);
        b.HasIndex(e => e.TenantId);
    }
}

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> b)
    {
        b.ToTable("webhook_messages");
        b.Property(e => e.MessageId).HasMaxLength(40);
        b.Property(e => e.EventType).HasMaxLength(100);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.LastError).HasMaxLength(1000);
        b.HasIndex(e => e.MessageId).IsUnique();
        b.HasIndex(e => new { e.EndpointId, e.EventId }).IsUnique();
        b.HasIndex(e => new { e.EndpointId, e.CreatedAt });
        b.HasIndex(e => e.NextAttemptAt).HasFilter("status IN ('Pending', 'Sending')").HasDatabaseName("ix_webhook_messages_due");
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(e => e.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> b)
    {
        b.ToTable("webhook_attempts");
        b.Property(e => e.ResponseBody).HasMaxLength(WebhookAttempt.MaxBodyChars);
        b.Property(e => e.Error).HasMaxLength(1000);
        b.HasIndex(e => new { e.MessageId, e.AttemptedAt });
        b.HasIndex(e => new { e.EndpointId, e.AttemptedAt });
        b.HasOne<WebhookMessage>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
