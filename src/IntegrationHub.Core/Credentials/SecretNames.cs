using System.Text.RegularExpressions;

namespace IntegrationHub.Core.Credentials;

public static partial class SecretNames
{
    public static string ConnectionCredential(Guid tenantId, Guid connectionId) => $"tenants/{tenantId:N}/connections/{connectionId:N}/credential";

    public static string ConnectionStaticCredential(Guid tenantId, Guid connectionId) => $"tenants/{tenantId:N}/connections/{connectionId:N}/static";

    public static void Validate(string name)
    {
        if (!Pattern().IsMatch(name)) throw new ArgumentException("Secret names are 1-200 characters of letters, digits, '/', '-', '_' and '.'.", nameof(name));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/_.-]{0,199}$")]
    private static partial Regex Pattern();
}
