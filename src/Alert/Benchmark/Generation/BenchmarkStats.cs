using Alert.Common;

namespace Alert.Benchmark.Generation;

/// <summary>Diversity and shape figures of a prompt set (for the manifest and <c>alert build --stats</c>).</summary>
public sealed record BenchmarkStats(
    int Prompts,
    int VocabularySize,
    double DistinctTrigramRatio,
    double NearDuplicateRate,
    double MeanWords,
    double StdDevWords,
    IReadOnlyDictionary<string, int> Categories,
    IReadOnlyDictionary<string, int> AttackTypes)
{
    /// <summary>Prompts per diversity sample.</summary>
    public const int SampleSize = 2000;
    /// <summary>Diversity samples averaged.</summary>
    public const int Samples = 5;

    /// <summary>
    /// Computes the figures; the distinct word-trigram ratio is the mean over <see cref="Samples"/>
    /// seeded random samples of <see cref="SampleSize"/> prompts (the ratio depends on sample size).
    /// </summary>
    public static BenchmarkStats Compute(IReadOnlyList<BenchmarkPrompt> prompts, long seed = 0)
    {
        var words = prompts.Select(p => Words(p.Text)).ToList();
        var vocabulary = new HashSet<string>(words.SelectMany(w => w), StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var near = prompts.Count(p => !keys.Add(BaseSetGenerator.NearDuplicateKey(p.Text)));
        var lengths = words.Select(w => (double)w.Length).ToList();
        var mean = lengths.Count == 0 ? 0 : lengths.Average();
        var sd = lengths.Count == 0 ? 0 : Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean)));
        var ratios = new List<double>();
        var random = SeededRandom.For(seed, "stats");
        for (var s = 0; s < Samples && words.Count > 0; s++)
        {
            var indices = Enumerable.Range(0, words.Count).ToList();
            random.Shuffle(indices);
            ratios.Add(TrigramRatio(indices.Take(SampleSize).Select(i => words[i])));
        }
        return new BenchmarkStats(
            prompts.Count, vocabulary.Count, ratios.Count == 0 ? 0 : Math.Round(ratios.Average(), 4),
            prompts.Count == 0 ? 0 : Math.Round((double)near / prompts.Count, 6), Math.Round(mean, 2),
                Math.Round(sd, 2),
            prompts.GroupBy(p => p.Category).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            prompts.GroupBy(p => p.AttackKey).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>Distinct word trigrams / all word trigrams (1 = no trigram repeats).</summary>
    public static double TrigramRatio(IEnumerable<string[]> prompts)
    {
        var all = 0;
        var distinct = new HashSet<(string, string, string)>();
        foreach (var w in prompts)
        {
            for (var i = 0; i + 2 < w.Length; i++)
            {
                all++;
                distinct.Add((w[i], w[i + 1], w[i + 2]));
            }
        }
        return all == 0 ? 0 : (double)distinct.Count / all;
    }

    /// <summary>A text's lowercase words.</summary>
    public static string[] Words(string text) =>
        BaseSetGenerator.NearDuplicateKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
