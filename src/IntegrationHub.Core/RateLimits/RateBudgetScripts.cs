namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// The Lua run atomically in Redis. Window keys are sorted sets of grant ids scored by grant time (a sliding log);
/// concurrency keys are sorted sets of lease ids scored by expiry; block keys hold the time (ms) until which every
/// caller waits. Time is Redis's own clock (TIME) so every process agrees on it, unless a caller passes one (tests).
/// </summary>
internal static class RateBudgetScripts
{
    /// <summary>
    /// KEYS: block keys, then limit keys. ARGV: now ('' = server time), block count, grant id, lease ttl ms,
    /// then kind ('w'|'c'), limit, window ms per limit key.
    /// Returns {1, now} when granted (booked in every limit), else {0, now, blockedUntil, windowFreeAt, leaseExpiresAt}.
    /// </summary>
    public const string Acquire = """
        local now = tonumber(ARGV[1])
        if not now then local t = redis.call('TIME'); now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
        local blocks = tonumber(ARGV[2])
        local id = ARGV[3]
        local ttl = tonumber(ARGV[4])
        local blockedUntil, windowFreeAt, leaseExpiresAt = 0, 0, 0
        for i = 1, blocks do
          local untilMs = tonumber(redis.call('GET', KEYS[i]) or '0')
          if untilMs > blockedUntil then blockedUntil = untilMs end
        end
        local limits = #KEYS - blocks
        for j = 1, limits do
          local key = KEYS[blocks + j]
          local kind, limit, window = ARGV[2 + j * 3], tonumber(ARGV[3 + j * 3]), tonumber(ARGV[4 + j * 3])
          if kind == 'w' then
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local used = redis.call('ZCARD', key)
            if used >= limit then
              -- the slot comes back when the entry (used - limit) places from the oldest leaves the window
              local entry = redis.call('ZRANGE', key, used - limit, used - limit, 'WITHSCORES')
              local freeAt = tonumber(entry[2]) + window
              if freeAt > windowFreeAt then windowFreeAt = freeAt end
            end
          else
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
            if redis.call('ZCARD', key) >= limit then
              local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
              local expiresAt = tonumber(first[2])
              if leaseExpiresAt == 0 or expiresAt < leaseExpiresAt then leaseExpiresAt = expiresAt end
            end
          end
        end
        if blockedUntil > now or windowFreeAt > 0 or leaseExpiresAt > 0 then
          return {0, now, blockedUntil, windowFreeAt, leaseExpiresAt}
        end
        for j = 1, limits do
          local key = KEYS[blocks + j]
          local kind, window = ARGV[2 + j * 3], tonumber(ARGV[4 + j * 3])
          if kind == 'w' then
            redis.call('ZADD', key, now, id)
            redis.call('PEXPIRE', key, window + 1000)
          else
            redis.call('ZADD', key, now + ttl, id)
            redis.call('PEXPIRE', key, ttl + 1000)
          end
        end
        return {1, now}
        """;

    /// <summary>KEYS: concurrency keys. ARGV: lease id. Frees the lease's slots.</summary>
    public const string Release = """
        for i = 1, #KEYS do redis.call('ZREM', KEYS[i], ARGV[1]) end
        return 1
        """;

    /// <summary>
    /// KEYS[1]: a window key. ARGV: now ('' = server time), window ms, calls the provider has counted, id prefix.
    /// Books placeholder calls (now) until our count reaches the provider's; returns how many were booked.
    /// </summary>
    public const string Observe = """
        local now = tonumber(ARGV[1])
        if not now then local t = redis.call('TIME'); now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local add = tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[1])
        for i = 1, add do redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i) end
        if add > 0 then redis.call('PEXPIRE', KEYS[1], window + 1000) end
        return math.max(add, 0)
        """;

    /// <summary>KEYS: block keys. ARGV: now ('' = server time), block ms. Extends (never shortens) each block.</summary>
    public const string Block = """
        local now = tonumber(ARGV[1])
        if not now then local t = redis.call('TIME'); now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
        local untilMs = now + tonumber(ARGV[2])
        for i = 1, #KEYS do
          local current = tonumber(redis.call('GET', KEYS[i]) or '0')
          if untilMs > current then redis.call('SET', KEYS[i], untilMs, 'PX', untilMs - now + 1000) end
        end
        return untilMs
        """;
    /// <summary>
    /// Read-only view for dashboards. KEYS: block keys, then limit keys. ARGV: now ('' = server time), block count, then
    /// kind ('w'|'c') and window ms per limit key. Returns {now, blockedUntil, used per limit} without booking or pruning.
    /// </summary>
    public const string Usage = """
        local now = tonumber(ARGV[1])
        if not now then local t = redis.call('TIME'); now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) end
        local blocks = tonumber(ARGV[2])
        local blockedUntil = 0
        for i = 1, blocks do
          local untilMs = tonumber(redis.call('GET', KEYS[i]) or '0')
          if untilMs > blockedUntil then blockedUntil = untilMs end
        end
        local result = {now, blockedUntil}
        for j = 1, #KEYS - blocks do
          local kind, window = ARGV[1 + j * 2], tonumber(ARGV[2 + j * 2])
          local from = kind == 'w' and '(' .. (now - window) or '(' .. now
          result[#result + 1] = redis.call('ZCOUNT', KEYS[blocks + j], from, '+inf')
        end
        return result
        """;
}
