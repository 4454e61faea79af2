using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using IntegrationHub.Core.Credentials.Embedded;
using IntegrationHub.Core.Credentials.KeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Credentials;

public static class SecretStoreRegistration
{
    /// <summary>Key Vault when `KeyVault:Uri` is set (DefaultAzureCredential: managed identity in Azure, developer login locally); otherwise the embedded store.</summary>
    public static IServiceCollection AddHubSecrets(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        if (configuration["KeyVault:Uri"] is { Length: > 0 } vaultUri)
        {
            services.AddSingleton(new SecretClient(new Uri(vaultUri), new DefaultAzureCredential()));
            services.AddScoped<ISecretStore, KeyVaultSecretStore>();
            return services;
        }
        services.AddSingleton(_ => MasterKeySource.Load(configuration, DefaultKeyFile(contentRoot)));
        services.AddScoped<ISecretStore, EmbeddedSecretStore>();
        services.AddScoped<MasterKeyRotation>();
        return services;
    }

    /// <summary>.hub/master.key beside IntegrationHub.sln when running from the repository (git-ignored); else beside the service.</summary>
    public static string DefaultKeyFile(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return Path.Combine(dir.FullName, ".hub", "master.key");
        }
        return Path.Combine(contentRoot, ".hub", "master.key");
    }
}
