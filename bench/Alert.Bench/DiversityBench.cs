using Alert.Benchmark.Generation;
using Alert.Common;

namespace Alert.Bench;

/// <summary>
/// Distinct word-trigram ratio of the built base set against human-written harmful prompts, at matched
/// sample sizes (the ratio falls as samples grow, so only equal sizes compare).
/// </summary>
internal static class DiversityBench
{
    public static void Run(string datasets)
    {
        var built = new BenchmarkBuilder().Build(new BuildOptions { PerAttack = 1 });
        var ours = built.Base.Select(p => BenchmarkStats.Words(p.Text)).ToList();
        var stats = BenchmarkStats.Compute(built.Base);
        Console.WriteLine($"base set: {stats.Prompts} prompts, vocabulary {stats.VocabularySize}, near-duplicate rate {stats.NearDuplicateRate}, words {stats.MeanWords} ± {stats.StdDevWords}");
        Console.WriteLine($"distinct-trigram ratio, 2,000-prompt samples: {stats.DistinctTrigramRatio:0.000}");
        var real = RealSets(datasets);
        if (real.Count == 0)
        {
            Console.WriteLine($"(no reference datasets under {datasets})");
            return;
        }
        Console.WriteLine("matched sample size | reference set (human-written)      | reference | ALERT for .NET base set (mean of 5 samples)");
        foreach (var (name, prompts) in real)
        {
            var reference = BenchmarkStats.TrigramRatio(prompts.Select(BenchmarkStats.Words));
            var sample = Enumerable.Range(0, 5).Select(s =>
            {
                var random = new SeededRandom((ulong)s + 1);
                var idx = Enumerable.Range(0, ours.Count).ToList();
                random.Shuffle(idx);
                return BenchmarkStats.TrigramRatio(idx.Take(prompts.Count).Select(i => ours[i]));
            }).Average();
            Console.WriteLine($"{prompts.Count,19} | {name,-34} | {reference,9:0.000} | {sample:0.000}");
        }
    }

    private static List<(string Name, List<string> Prompts)> RealSets(string datasets)
    {
        var sets = new List<(string, List<string>)>();
        var xs = Path.Combine(datasets, "xstest", "xstest_prompts.csv");
        var hb = Path.Combine(datasets, "harmbench", "harmbench_behaviors_text_all.csv");
        var ab = Path.Combine(datasets, "advbench", "advbench_behaviors.csv");
        if (File.Exists(xs))
            sets.Add(("XSTest unsafe prompts", Repo.ReadCsv(xs).Where(r => r["label"] == "unsafe").Select(r => r["prompt"]).ToList()));
        if (File.Exists(hb))
            sets.Add(("HarmBench behaviours", Repo.ReadCsv(hb).Select(r => r["Behavior"]).ToList()));
        if (File.Exists(ab))
            sets.Add(("AdvBench behaviours", Repo.ReadCsv(ab).Select(r => r["Behavior"]).ToList()));
        if (sets.Count == 3)
            sets.Add(("all three pooled", sets.SelectMany(s => s.Item2).ToList()));
        return sets;
    }
}
