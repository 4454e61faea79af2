using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// A tenant's named lookup table (status codes, countries, payment terms; "{provider}.accounts", "{provider}.taxCodes",
/// "{provider}.currencies" for reference mappings): key → value with a fallback. Every change bumps
/// <see cref="Version"/> and writes an audit event with the entries.
/// </summary>
public sealed class LookupTable : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public Dictionary<string, string> Entries { get; set; } = [];
    public string? Fallback { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public LookupData ToData() => new(Entries, Fallback);
}
