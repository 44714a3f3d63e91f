namespace Alert.Benchmark;

/// <summary>
/// <see cref="BenchmarkSet.Take"/>'s sample in two passes over the prompts, holding only the picks and one count per
/// group: a set read from its files is never materialised to sample it.
/// </summary>
/// <remarks>
/// The sample takes groups (category with plain, each attack type or benign) in turn, in the order they first appear,
/// one prompt each per round, in file order: round r picks the r-th prompt of every group larger than r. So the picks
/// are every group's first R prompts, where R is the last full round, plus the R-th prompt of as many groups (larger
/// than R, in order) as the limit leaves. The first pass counts the groups, the second picks by position in group.
/// </remarks>
internal static class BenchmarkSample
{
    /// <summary>At most <paramref name="limit"/> prompts of <paramref name="prompts"/>, in their order.</summary>
    public static KeyedPrompt[] Take(IReadOnlyList<KeyedPrompt> prompts, int limit)
    {
        var groups = new Dictionary<(string, string), int>();
        var sizes = new List<int>();
        foreach (var p in prompts)
        {
            if (!groups.TryGetValue(GroupOf(p), out var g))
            {
                groups[GroupOf(p)] = g = sizes.Count;
                sizes.Add(0);
            }
            sizes[g]++;
        }
        // Whole rounds while they fit, then the first groups of the round that does not.
        var rounds = 0;
        var picked = 0;
        while (true)
        {
            var next = sizes.Count(s => s > rounds);
            if (next == 0 || picked + next > limit)
                break;
            picked += next;
            rounds++;
        }
        var left = limit - picked;
        var lastRound = new bool[sizes.Count];
        for (var g = 0; g < sizes.Count && left > 0; g++)
        {
            if (sizes[g] > rounds)
            {
                lastRound[g] = true;
                left--;
            }
        }
        var seen = new int[sizes.Count];
        var sample = new List<KeyedPrompt>(Math.Clamp(limit, 0, prompts.Count));
        foreach (var p in prompts)
        {
            var g = groups[GroupOf(p)];
            var position = seen[g]++;
            if (position < rounds || (position == rounds && lastRound[g]))
                sample.Add(p);
        }
        return [.. sample];
    }

    private static (string Category, string Kind) GroupOf(KeyedPrompt p) =>
        (p.Prompt.Category, p.Prompt.IsBenign ? "benign" : p.Prompt.AttackKey);
}
