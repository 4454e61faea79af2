using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>What the UI offers; the Api enforces the same rules, so hiding a button is courtesy, not security.</summary>
public static class Permissions
{
    public static bool CanManage(this Me me) => me.Role is "admin" or "owner";
    public static bool IsOwner(this Me me) => me.Role is "owner";

    /// <summary>Roles this user may hand out: only an owner may make another owner.</summary>
    public static IReadOnlyList<string> GrantableRoles(this Me me) =>
        me.IsOwner() ? ["viewer", "admin", "owner"] : ["viewer", "admin"];
}
