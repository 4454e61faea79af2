using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Persistence;

public static class TransactionExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction under the context's retrying execution strategy (which refuses
    /// user transactions outside it). A transient failure reruns all of it from an empty change tracker, so the work
    /// must load what it changes inside the delegate. The transaction commits when the work returns (an early return
    /// that wrote nothing commits nothing) and rolls back when it throws.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this HubDbContext db, Func<Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work();
            await transaction.CommitAsync(ct);
            return result;
        });
}
