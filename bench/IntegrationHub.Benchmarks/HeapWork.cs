namespace IntegrationHub.Benchmarks;

/// <summary>What a stretch of work cost the managed heap: bytes allocated (all threads), collections per generation, time paused in GC.</summary>
public readonly record struct HeapWork(long Allocated, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static HeapWork Start() => Now();

    public string Describe(int records)
    {
        var now = Now();
        return $"{(now.Allocated - Allocated) / 1024.0 / records:N1} KB allocated per record, GCs gen0/1/2 {now.Gen0 - Gen0}/{now.Gen1 - Gen1}/{now.Gen2 - Gen2}, "
            + $"paused {(now.Paused - Paused).TotalSeconds:F1} s";
    }

    private static HeapWork Now() => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
}
