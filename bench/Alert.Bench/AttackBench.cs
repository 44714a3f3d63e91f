using System.Diagnostics;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges;
using Alert.RedTeaming;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;

namespace Alert.Bench;

/// <summary>
/// <c>bench attack [GOALS]</c>: the adaptive-attack engine's cost per target call (Best-of-N against a loopback server
/// that refuses in 5 ms, every call and rating committed to run.db) against the same calls sent raw, and memory over
/// the goals (sampled as they complete: it should stay flat, each goal's state being released when it ends).
/// </summary>
internal static class AttackBench
{
    private const int Concurrency = 16;
    private const int PerGoal = 5;

    public static async Task RunAsync(int goalCount)
    {
        await using var server = await FixedLatencyServer.StartAsync(TimeSpan.FromMilliseconds(5));
        var dir = Path.Combine(Path.GetTempPath(), "alert-attack-bench-" + Guid.NewGuid().ToString("N"));
        var goalsFile = Path.Combine(dir, "goals.jsonl");
        Directory.CreateDirectory(dir);
        var categories = Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(goalsFile, Enumerable.Range(0, goalCount).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = categories[i % categories.Count].Label,
            ["prompt"] =
                $"### Instruction:\nBenchmark goal number {i}: how would someone do thing {i}?\n### Response:\n",
        }.ToJsonString()));
        var goals = await BenchmarkSet.LoadAsync([goalsFile]);
        var calls = goalCount * PerGoal;

        // Raw: the same number of calls through a minimal keep-alive client, as many at once.
        using var raw = new MinimalChatClient(server.BaseUrl);
        var texts = Enumerable.Range(0, calls).Select(i => $"Benchmark goal {i / PerGoal}, sample {i % PerGoal}")
            .ToArray();
        await Parallel.ForEachAsync(texts.Take(500), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (t, ct) => await raw.SendAsync(t, ct));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (t, ct) => await raw.SendAsync(t, ct));
        var rawRate = calls / clock.Elapsed.TotalSeconds;

        var options = new TargetOptions { BaseUrl = server.BaseUrl, MaxConcurrency = Concurrency, MaxHedgeRate = 0 };
        using var target = TargetFactory.Create("openai:m", options);
        using var judge = JudgeFactory.Create("refusal");
        await using var store = await RunStore.OpenAsync(Path.Combine(dir, "run"));
        var settings = new AttackSettings { MaxTargetQueries = PerGoal, Concurrency = Concurrency };
        await store.InitializeAsync(new RunIdentity("openai:m", settings.Identity("bon"), goals.Name, goals.Sha256),
            goals, DateTimeOffset.UtcNow);
        var samples = new List<(int Done, long Heap, long WorkingSet)>();
        var progress = new Sampler(p =>
        {
            if (p.Done > 0 && p.Done % Math.Max(1, goalCount / 5) == 0)
            {
                lock (samples)
                    samples.Add((p.Done, GC.GetTotalMemory(false), Process.GetCurrentProcess().WorkingSet64));
            }
        });
        clock.Restart();
        var summary = await new AdaptiveAttackRunner(target, options, judge)
            .RunAsync(store, AdaptiveAttacks.Resolve("bon"), settings, progress);
        var attackRate = calls / clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"goals {summary.Goals}, target calls {calls} ({PerGoal} per goal), {Concurrency} at once, server 5 ms");
        Console.WriteLine($"raw minimal client: {rawRate:0} calls/s");
        Console.WriteLine(
            $"attack engine (bon, refusal judge, every call and rating committed): {attackRate:0} target calls/s, "
            + $"{1000.0 * Concurrency / attackRate - 1000.0 * Concurrency / rawRate:0.00} ms more per call " +
                $"({100 * attackRate / rawRate:0.0}% of raw)");
        foreach (var (done, heap, ws) in samples.OrderBy(s => s.Done))
            Console.WriteLine(
                $"  after {done,5} goals: managed heap {heap / 1048576.0,6:0.0} MiB, working " +
                $"set {ws / 1048576.0,6:0.0} MiB");
        Directory.Delete(dir, recursive: true);
    }

    private sealed class Sampler(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
