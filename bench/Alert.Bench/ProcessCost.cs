using System.Diagnostics;

namespace Alert.Bench;

/// <summary>CPU time and garbage collections of this process since <see cref="Start"/>: where a rate went.</summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Paused, long Started,
    long Allocated)
{
    public static ProcessCost Start() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration(), Stopwatch.GetTimestamp(), GC.GetTotalAllocatedBytes());

    public string Describe(int items)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - Cpu;
        var paused = GC.GetTotalPauseDuration() - Paused;
        var allocated = (GC.GetTotalAllocatedBytes() - Allocated) / 1024.0 / items;
        return $"{cpu.TotalMilliseconds * 1000 / items:0} us CPU, {allocated:0.0} KiB allocated per item (server " +
            $"included), " +
            $"GCs {GC.CollectionCount(0) - Gen0}/{GC.CollectionCount(1) - Gen1}/{GC.CollectionCount(2) - Gen2}, "
            + $"paused {paused.TotalMilliseconds:0} ms of {Stopwatch.GetElapsedTime(Started).TotalMilliseconds:0} ms";
    }
}
