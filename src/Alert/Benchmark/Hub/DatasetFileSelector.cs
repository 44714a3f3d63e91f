namespace Alert.Benchmark.Hub;

/// <summary>
/// Picks a config's and split's data files from a repository's file list, by the Hub's conventions: a config is a
/// top folder (<c>alert_dpo/train-0000.parquet</c>) or a file's stem (<c>alert.jsonl</c>); files under <c>data/</c>
/// or named by split alone (<c>train-00000-of-00001.parquet</c>) are the <c>default</c> config. A split is a folder
/// or the start of a name (<c>test</c>, <c>test-00000...</c>).
/// </summary>
internal static class DatasetFileSelector
{
    /// <summary>The data file extensions loaded.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".jsonl", ".json", ".csv", ".parquet"];

    private static readonly string[] SplitNames = ["train", "test", "validation", "valid", "dev", "eval"];

    /// <summary>
    /// The files of <paramref name="config"/> and <paramref name="split"/> (null: the only config; every split);
    /// an unknown config or split is an <see cref="AlertException"/> listing those there are.
    /// </summary>
    public static IReadOnlyList<string> Select(
        IReadOnlyList<string> files, string repo, string? config, string? split, string? knownSplit)
    {
        var data = files.Where(IsData).Order(StringComparer.Ordinal).ToList();
        if (data.Count == 0)
            throw new AlertException($"dataset {repo} has no data files ({string.Join(", ", Extensions)})");
        var configs = data.Select(ConfigOf).Distinct(StringComparer.Ordinal).ToList();
        if (config is null && configs.Count > 1)
        {
            throw new AlertException($"dataset {repo} has several configs ({string.Join(", ", configs)}): "
                + $"name one, e.g. hf:{repo}:{configs[0]}");
        }
        var chosen = config is null ? data : data.Where(f => ConfigOf(f) == config).ToList();
        if (chosen.Count == 0)
        {
            throw new AlertException(
                $"unknown config '{config}' of dataset {repo} (configs: {string.Join(", ", configs)})");
        }
        if (split is null)
            return chosen;
        var splits = chosen.Select(SplitOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // Files that name no split (ALERT's alert.jsonl) hold the split the dataset card gives them.
        var picked = splits.Count == 0 && split == knownSplit
            ? chosen
            : chosen.Where(f => SplitOf(f) == split).ToList();
        if (picked.Count == 0)
        {
            var known = splits.Count > 0 ? string.Join(", ", splits) : knownSplit ?? "none named in its file names";
            throw new AlertException($"unknown split '{split}' of dataset {repo}"
                + (config is null ? "" : $" config '{config}'") + $" (splits: {known})");
        }
        return picked;
    }

    /// <summary>Whether <paramref name="file"/> is a data file (not a card, script or hidden file).</summary>
    public static bool IsData(string file) =>
        // A hidden file, or a path that would leave the snapshot folder (".."), is never a data file.
        !file.Split('/').Any(s => s.Length == 0 || s.StartsWith('.')) && !file.Contains('\\', StringComparison.Ordinal)
        && Extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static string ConfigOf(string file)
    {
        var segments = file.Split('/');
        if (segments.Length > 1 && segments[0] != "data")
            return segments[0];
        var stem = Stem(segments[^1]);
        return segments.Length > 1 || SplitNames.Any(s => StartsWithName(stem, s)) ? "default" : stem;
    }

    private static string? SplitOf(string file)
    {
        var segments = file.Split('/');
        foreach (var segment in segments[..^1])
        {
            if (SplitNames.Contains(segment, StringComparer.Ordinal))
                return segment;
        }
        var stem = Stem(segments[^1]);
        return SplitNames.FirstOrDefault(s => StartsWithName(stem, s));
    }

    private static bool StartsWithName(string stem, string name) =>
        stem == name || stem.StartsWith(name + "-", StringComparison.Ordinal);

    private static string Stem(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }
}
