namespace IntegrationHub.Core.Tenancy;

public sealed class Tenant
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>URL-safe, unique; shown in the portal's tenant switch.</summary>
    public required string Slug { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DisabledAt { get; set; }
}
