using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>
/// Re-wraps every data key still sealed by an older master key with the ring's current key, in small batches,
/// each its own transaction. Readers keep working throughout: every row names the master key that sealed it and
/// the ring still holds the old key until this finishes. Returns how many data keys were re-wrapped.
/// </summary>
public sealed class MasterKeyRotation(HubDbContext db, MasterKeyRing keys)
{
    public async Task<int> RewrapAllAsync(int batchSize = 500, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            var batch = await db.StoredSecrets.Where(s => s.MasterKeyId != keys.CurrentId).OrderBy(s => s.Id).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0) return total;
            foreach (var row in batch)
            {
                row.WrappedKey = EnvelopeCipher.Rewrap(row.WrappedKey, keys.Get(row.MasterKeyId), keys.Current, StoredSecret.AssociatedData(row.Name, row.Version));
                row.MasterKeyId = keys.CurrentId;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            total += batch.Count;
        }
    }

    /// <summary>How many rows each master key still seals: an operator retires an old key once its count is zero.</summary>
    public async Task<Dictionary<string, int>> CountByKeyAsync(CancellationToken ct = default) =>
        await db.StoredSecrets.GroupBy(s => s.MasterKeyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
}
