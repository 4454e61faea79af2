using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Core.Identity;

public sealed class HubUser : IdentityUser<Guid>
{
    public HubUser() => Id = Guid.CreateVersion7();
    public string DisplayName { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LastSignInAt { get; set; }
}

public sealed class HubRole : IdentityRole<Guid>
{
    public HubRole() => Id = Guid.CreateVersion7();
}
