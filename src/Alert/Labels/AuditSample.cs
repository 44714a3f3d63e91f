using Alert.Common;

namespace Alert.Labels;

/// <summary>
/// Draws the audit sample: a random sample of a run's judged answers, stratified by micro category with proportional
/// allocation (largest remainders), so the sample is self-weighting and each category gets its share. The queue order
/// interleaves categories at random, so the labels of a queue only partly worked through are still spread over them.
/// </summary>
public static class AuditSample
{
    /// <summary>The sample's size when none is asked for: a tenth of the judged answers, at least 100.</summary>
    public static int DefaultSize(int judged) => Math.Min(judged, Math.Max(100, judged / 10));

    /// <summary>The sample's result keys in queue order; the same seed and answers give the same sample.</summary>
    public static IReadOnlyList<string> Draw(IReadOnlyList<RunAnswer> answers, int size, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var eligible = answers.Where(a => a.Judged && a.AnswerSha256 is not null).ToList();
        size = Math.Min(size, eligible.Count);
        if (size == 0)
            return [];
        var random = SeededRandom.For(seed, "audit-sample");
        var strata = eligible.GroupBy(a => a.Category, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())
            .ToList();
        var quotas = Allocate(strata.Select(s => s.Count).ToArray(), size);
        var picks = new List<(double Position, string Key)>(size);
        for (var s = 0; s < strata.Count; s++)
        {
            var stratum = strata[s];
            random.Shuffle(stratum);
            for (var i = 0; i < quotas[s]; i++)
                picks.Add(((i + random.NextDouble()) / quotas[s], stratum[i].Key));
        }
        return picks.OrderBy(p => p.Position).Select(p => p.Key).ToArray();
    }

    /// <summary>Proportional allocation of <paramref name="size"/> over strata, by largest remainders.</summary>
    private static int[] Allocate(int[] sizes, int size)
    {
        var total = sizes.Sum();
        var exact = sizes.Select(n => (double)n * size / total).ToArray();
        var quotas = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var left = size - quotas.Sum();
        foreach (var s in Enumerable.Range(0, sizes.Length).OrderByDescending(s => exact[s] - quotas[s]).ThenBy(s => s))
        {
            if (left == 0)
                break;
            if (quotas[s] < sizes[s])
            {
                quotas[s]++;
                left--;
            }
        }
        return quotas;
    }
}
