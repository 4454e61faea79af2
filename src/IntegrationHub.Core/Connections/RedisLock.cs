using System.Security.Cryptography;
using StackExchange.Redis;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// A lease in Redis (SET NX PX) released only by its holder (compare-and-delete in Lua), so a holder whose lease
/// expired cannot release the next holder's lock. The TTL bounds how long a crashed holder blocks others.
/// </summary>
public sealed class RedisLock : IAsyncDisposable
{
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private readonly IDatabase _db;
    private readonly string _key;
    private readonly string _token;

    private RedisLock(IDatabase db, string key, string token) => (_db, _key, _token) = (db, key, token);

    public static async Task<RedisLock?> TryAcquireAsync(IDatabase db, string key, TimeSpan ttl)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return await db.StringSetAsync(key, token, ttl, When.NotExists) ? new RedisLock(db, key, token) : null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.ScriptEvaluateAsync(ReleaseScript, [_key], [_token]);
        }
        catch (RedisException)
        {
            // Unreleased, the lease expires by its TTL.
        }
    }
}
