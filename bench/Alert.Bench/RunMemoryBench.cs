using Alert.Benchmark;
using Alert.Common;

namespace Alert.Bench;

/// <summary>
/// Peak RSS of 'alert run' (mock target, refusal judge, no cache) on the built-in benchmark as one file, and on ten
/// copies of it with distinct ids (about 450k prompts): the scale five languages bring. Target: under 300 MiB.
/// </summary>
internal static class RunMemoryBench
{
    /// <summary>Runs both sizes; with <paramref name="keep"/>, the benchmark files and run directories are written
    /// there and kept (so two builds' outputs can be compared).</summary>
    public static async Task RunAsync(string? keep)
    {
        var cli = Path.Combine(Repo.Root, "src", "Alert.Cli", "bin", "Release", "net10.0", "Alert.Cli.dll");
        if (!File.Exists(cli))
        {
            Console.WriteLine("memory: build src/Alert.Cli in Release first");
            return;
        }
        var work = keep ?? Path.Combine(Path.GetTempPath(), "alert-bench-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var builtIn = await BenchmarkSet.LoadBuiltInAsync(includeBenign: false);
            foreach (var copies in new[] { 1, 10 })
            {
                var file = Path.Combine(work, $"bench{copies}.jsonl");
                if (!File.Exists(file))
                    await WriteCopiesAsync(file, builtIn, copies);
                var run = Path.Combine(work, $"run{copies}");
                if (Directory.Exists(run))
                    Directory.Delete(run, recursive: true);
                var (exit, seconds, peakKb) = await PeakRssAsync(cli, file, run);
                var prompts = builtIn.Prompts.Count * copies;
                Console.WriteLine(FormattableString.Invariant(
                    $"alert run, {prompts} prompts (mock:refuse, refusal judge): exit {exit}, {seconds:0.0} s,")
                    + FormattableString.Invariant($" peak RSS {peakKb / 1024.0:0} MiB (target < 300 MiB)"));
            }
        }
        finally
        {
            if (keep is null)
                Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The benchmark <paramref name="copies"/> times in one file, numbered 0.. so every id is
    /// distinct.</summary>
    private static async Task WriteCopiesAsync(string path, BenchmarkSet set, int copies)
    {
        await using var writer = new StreamWriter(path);
        long id = 0;
        for (var c = 0; c < copies; c++)
        {
            foreach (var p in set.Prompts)
            {
                var row = BenchmarkFile.ToJson(p.Prompt with { Id = id++, SourceId = null });
                await writer.WriteLineAsync(row.ToJsonString(JsonlFile.WriteOptions));
            }
        }
    }

    private static Task<(int Exit, double Seconds, long PeakKb)> PeakRssAsync(string cli, string file, string dir) =>
        ChildProcessPeak.RunAsync([cli, "run", "--benchmark", file, "--target", "mock:refuse", "--judge", "refusal",
            "--out", dir, "--no-cache"]);
}
