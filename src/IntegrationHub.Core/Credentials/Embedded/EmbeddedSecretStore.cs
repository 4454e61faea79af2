using System.Text;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>The default <see cref="ISecretStore"/>: envelope-encrypted rows in PostgreSQL.</summary>
public sealed class EmbeddedSecretStore(HubDbContext db, MasterKeyRing keys, TimeProvider clock) : ISecretStore
{
    public async Task<string> SetAsync(string name, string value, CancellationToken ct = default)
    {
        SecretNames.Validate(name);
        // The unique (name, version) index turns a concurrent writer's collision into a retry, not a lost version.
        for (var attempt = 0; ; attempt++)
        {
            var version = 1 + (await db.StoredSecrets.Where(s => s.Name == name).MaxAsync(s => (int?)s.Version, ct) ?? 0);
            var envelope = EnvelopeCipher.Seal(Encoding.UTF8.GetBytes(value), keys.Current, StoredSecret.AssociatedData(name, version));
            var row = new StoredSecret
            {
                Name = name, Version = version, Ciphertext = envelope.Ciphertext, WrappedKey = envelope.WrappedKey,
                MasterKeyId = keys.CurrentId, CreatedAt = clock.GetUtcNow(),
            };
            db.StoredSecrets.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return version.ToString();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public async Task<SecretValue?> GetAsync(string name, string? version = null, CancellationToken ct = default)
    {
        var query = db.StoredSecrets.AsNoTracking().Where(s => s.Name == name);
        query = version is null ? query.OrderByDescending(s => s.Version)
            : int.TryParse(version, out var v) ? query.Where(s => s.Version == v) : query.Where(_ => false);
        var row = await query.FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var plaintext = EnvelopeCipher.Open(new EnvelopeCipher.Envelope(row.Ciphertext, row.WrappedKey), keys.Get(row.MasterKeyId),
            StoredSecret.AssociatedData(row.Name, row.Version));
        return new SecretValue(row.Name, row.Version.ToString(), Encoding.UTF8.GetString(plaintext), row.CreatedAt);
    }

    public async Task<IReadOnlyList<SecretVersionInfo>> ListVersionsAsync(string name, CancellationToken ct = default)
    {
        var rows = await db.StoredSecrets.AsNoTracking().Where(s => s.Name == name).OrderByDescending(s => s.Version)
            .Select(s => new { s.Version, s.CreatedAt }).ToListAsync(ct);
        return rows.Select((r, i) => new SecretVersionInfo(r.Version.ToString(), r.CreatedAt, i == 0)).ToList();
    }

    public Task DeleteAsync(string name, CancellationToken ct = default) =>
        db.StoredSecrets.Where(s => s.Name == name).ExecuteDeleteAsync(ct);
}
