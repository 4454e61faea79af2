using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Credentials.Embedded;
using IntegrationHub.Core.Persistence;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Migrator;

/// <summary>
/// Master-key rotation for the embedded secret store, without downtime:
///   1. --new-master-key   puts a new key first in the key file (the old one stays for reading);
///   2. restart the services one by one, so each seals new secrets with the new key;
///   3. --rewrap-secrets   re-wraps every data key with the new key and prints how many rows each key still seals;
///   4. when the old key seals nothing, delete its line from the key file.
/// With Secrets:MasterKeys in configuration instead of a file, step 1 is editing that list.
/// </summary>
public static class SecretCommands
{
    public static int NewMasterKey(IConfiguration configuration)
    {
        var path = configuration["Secrets:KeyFile"] ?? SecretStoreRegistration.DefaultKeyFile(Directory.GetCurrentDirectory());
        var key = MasterKeySource.PrependNewKey(path);
        Console.WriteLine($"Added master key {MasterKeyRing.IdOf(key)} as the current key in {path}. Restart the services, then run --rewrap-secrets.");
        return 0;
    }

    public static async Task<int> RewrapAsync(HubDbContext db, IConfiguration configuration)
    {
        var ring = MasterKeySource.Load(configuration, SecretStoreRegistration.DefaultKeyFile(Directory.GetCurrentDirectory()));
        var rotation = new MasterKeyRotation(db, ring);
        var rewrapped = await rotation.RewrapAllAsync();
        Console.WriteLine($"Re-wrapped {rewrapped} data key(s) with master key {ring.CurrentId}.");
        foreach (var (id, count) in await rotation.CountByKeyAsync())
        {
            Console.WriteLine($"  key {id}: {count} secret version(s){(id == ring.CurrentId ? " (current)" : "")}");
        }
        var retired = ring.Ids.Where(id => id != ring.CurrentId).ToList();
        if (retired.Count > 0) Console.WriteLine($"No secret needs {string.Join(", ", retired)} any more; remove it from the key ring.");
        return 0;
    }
}
