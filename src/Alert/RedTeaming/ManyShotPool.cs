using Alert.Benchmark;

namespace Alert.RedTeaming;

/// <summary>
/// Many-shot jailbreaking's shot requests: the built-in benchmark's plain prompts (not adversarial, not benign), by
/// category, without their instruction frame. Loaded once per process (the built-in benchmark is deterministic).
/// </summary>
internal static class ManyShotPool
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, string[]>>> ByCategory = new(LoadAsync);

    /// <summary>The requests of <paramref name="category"/> in benchmark order, less <paramref name="goal"/>.</summary>
    public static async Task<IReadOnlyList<string>> RequestsAsync(string category, string goal)
    {
        var all = await ByCategory.Value.ConfigureAwait(false);
        return all.TryGetValue(category, out var requests)
            ? [.. requests.Where(r => !string.Equals(r, goal, StringComparison.Ordinal))]
            : [];
    }

    private static async Task<IReadOnlyDictionary<string, string[]>> LoadAsync()
    {
        var set = await BenchmarkSet.LoadBuiltInAsync().ConfigureAwait(false);
        return set.Prompts.Select(p => p.Prompt)
            .Where(p => !p.IsBenign && p.AttackKey == "none")
            .GroupBy(p => p.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Text).Distinct(StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);
    }
}
