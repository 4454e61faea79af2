namespace IntegrationHub.Core.ApiKeys;

/// <summary>What an API key may do. Read covers every GET; write covers records and sync actions; admin covers keys, users and configuration.</summary>
public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly string[] All = [Read, Write, Admin];
}
