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
        Console.WriteLine(
            $"base set: {stats.Prompts} prompts, vocabulary {stats.VocabularySize}, near-duplicate " +
            $"rate {stats.NearDuplicateRate}, words {stats.MeanWords} ± {stats.StdDevWords}");
        Console.WriteLine(
            $"distinct-trigram ratio, 2,000-prompt samples: {stats.DistinctTrigramRatio:0.000} (target >= 0.67)");
        PerSource(built.Base);
        PerCategory(built.Base);
        var real = RealSets(datasets);
        if (real.Count == 0)
        {
            Console.WriteLine($"(no reference datasets under {datasets})");
            return;
        }
        Console.WriteLine(
            "matched sample size | reference set (human-written)      | reference | ALERT for .NET base set (mean of " +
            "5 samples)");
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

    // Each source's share and its own ratio; the corpus's ratio is the human yardstick the templates aim at.
    private static void PerSource(IReadOnlyList<Alert.Benchmark.BenchmarkPrompt> prompts)
    {
        foreach (var (source, perCategory) in CorpusBaseSet.CountBySource(prompts))
        {
            var rows = prompts.Where(p => Source(p) == source).ToList();
            Console.WriteLine($"  source {source,-9} {rows.Count,6} prompts, ratio {Ratio(rows):0.000}");
        }
        var corpus = HhRlhfCorpus.ReadRequests().Select(r => BenchmarkStats.Words(r.Text)).ToList();
        Console.WriteLine($"  HH-RLHF first turns (all {corpus.Count}, in and out of taxonomy): " +
            $"ratio {Sampled(corpus, Math.Min(BenchmarkStats.SampleSize, corpus.Count)):0.000}");
    }

    // Per category at the category's size (capped at 2,000): smaller samples repeat less, so compare a
    // category with the corpus at the same size, not with the overall figure.
    private static void PerCategory(IReadOnlyList<Alert.Benchmark.BenchmarkPrompt> prompts)
    {
        Console.WriteLine("category             prompts  hh-rlhf  ratio  templates-only ratio");
        foreach (var g in prompts.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = g.ToList();
            var templates = rows.Where(p => Source(p) == CorpusBaseSet.TemplateSource).ToList();
            Console.WriteLine($"{g.Key,-20} {rows.Count,7} {rows.Count - templates.Count,8}  {Ratio(rows):0.000}  " +
                $"{Ratio(templates):0.000}");
        }
    }

    private static string Source(Alert.Benchmark.BenchmarkPrompt p) =>
        (string?)p.Extra?["source"] ?? CorpusBaseSet.TemplateSource;

    private static double Ratio(IReadOnlyList<Alert.Benchmark.BenchmarkPrompt> rows) =>
        Sampled(rows.Select(p => BenchmarkStats.Words(p.Text)).ToList(),
            Math.Min(BenchmarkStats.SampleSize, rows.Count));

    private static double Sampled(List<string[]> words, int size) => Enumerable.Range(0, 5).Select(s =>
    {
        var random = new SeededRandom((ulong)s + 1);
        var idx = Enumerable.Range(0, words.Count).ToList();
        random.Shuffle(idx);
        return BenchmarkStats.TrigramRatio(idx.Take(size).Select(i => words[i]));
    }).Average();

    private static List<(string Name, List<string> Prompts)> RealSets(string datasets)
    {
        var sets = new List<(string, List<string>)>();
        var xs = Path.Combine(datasets, "xstest", "xstest_prompts.csv");
        var hb = Path.Combine(datasets, "harmbench", "harmbench_behaviors_text_all.csv");
        var ab = Path.Combine(datasets, "advbench", "advbench_behaviors.csv");
        if (File.Exists(xs))
            sets.Add(("XSTest unsafe prompts", Repo.ReadCsv(xs).Where(r => r["label"] == "unsafe")
                .Select(r => r["prompt"]).ToList()));
        if (File.Exists(hb))
            sets.Add(("HarmBench behaviours", Repo.ReadCsv(hb).Select(r => r["Behavior"]).ToList()));
        if (File.Exists(ab))
            sets.Add(("AdvBench behaviours", Repo.ReadCsv(ab).Select(r => r["Behavior"]).ToList()));
        if (sets.Count == 3)
            sets.Add(("all three pooled", sets.SelectMany(s => s.Item2).ToList()));
        return sets;
    }
}
