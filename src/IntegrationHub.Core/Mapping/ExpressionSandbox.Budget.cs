using Jint;

namespace IntegrationHub.Core.Mapping;

public static partial class ExpressionSandbox
{
    private sealed class LimitExceededException(string message) : Exception(message);

    /// <summary>
    /// Time, statement and memory limits in one constraint that is armed only while an expression runs, so the
    /// engine's own setup (helpers, freezing the built-ins) is not counted against the expression.
    /// </summary>
    private sealed class Budget : Constraint
    {
        // Milliseconds on the coarse monotonic clock: a few ns to read where Stopwatch costs ~30 ns, and it is read on every
        // evaluation (Reset) — a tenth of the sandbox's per-call cost. Its 1–4 ms granularity is far below the 100 ms limit.
        private static readonly long TimeoutMs = (long)Timeout.TotalMilliseconds;
        private long _deadline, _allocatedAtStart;
        private int _statements;
        public bool Armed { get; set; }

        public override void Check()
        {
            if (!Armed) return;
            if (++_statements > MaxStatements) throw new LimitExceededException($"Expression ran more than {MaxStatements} statements.");
            if ((_statements & 63) != 0) return;
            if (Environment.TickCount64 > _deadline) throw new LimitExceededException($"Expression ran longer than {Timeout.TotalMilliseconds} ms.");
            if (GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > MemoryLimitBytes)
                throw new LimitExceededException($"Expression used more than {MemoryLimitBytes / 1_000_000} MB.");
        }

        public override void Reset()
        {
            _statements = 0;
            _deadline = Environment.TickCount64 + TimeoutMs;
            _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        }
    }
}
