namespace Alert.Benchmark.Hub;

/// <summary>
/// Picks a config's and split's data files by what the dataset card declares (<c>configs:</c>), as
/// <c>datasets.load_dataset</c> does: no config named takes the card's <c>default: true</c> one (or its only one),
/// each split's patterns are matched against the repository's file list.
/// </summary>
internal static class CardFileSelector
{
    /// <summary>
    /// The files of <paramref name="config"/> and <paramref name="split"/> (null: every split) and the config chosen;
    /// an unknown config or split, or a pattern matching nothing, is an <see cref="AlertException"/>.
    /// </summary>
    public static (IReadOnlyList<string> Files, string Config) Select(IReadOnlyList<string> files, string repo,
        IReadOnlyList<DatasetCardConfig> configs, string? config, string? split)
    {
        var names = string.Join(", ", configs.Select(c => c.Name));
        var chosen = config is null
            ? configs.FirstOrDefault(c => c.IsDefault) ?? (configs.Count == 1 ? configs[0] : null)
            : configs.FirstOrDefault(c => c.Name == config);
        if (chosen is null && config is null)
        {
            throw new AlertException($"dataset {repo} has several configs in its dataset card ({names}): "
                + $"name one, e.g. hf:{repo}:{configs[0].Name}");
        }
        if (chosen is null)
        {
            throw new AlertException(
                $"unknown config '{config}' of dataset {repo} (configs in its dataset card: {names})");
        }
        var ordered = files.Order(StringComparer.Ordinal).ToList();
        var splits = chosen.Splits.Count > 0 ? chosen.Splits : [new DatasetCardSplit("train", ["**"])];
        var wanted = split is null ? splits : splits.Where(s => s.Name == split).ToList();
        if (wanted.Count == 0)
        {
            throw new AlertException($"unknown split '{split}' of dataset {repo} config '{chosen.Name}' "
                + $"(splits in its dataset card: {string.Join(", ", splits.Select(s => s.Name).Distinct())})");
        }
        var picked = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, patterns) in wanted)
        {
            foreach (var pattern in patterns)
            {
                var glob = new RepoGlob(chosen.DataDir is { } dir ? dir.TrimEnd('/') + "/" + pattern : pattern);
                var matched = glob.Match(ordered).ToList();
                if (matched.Count == 0)
                {
                    throw new HubFileNotFoundException($"dataset {repo} config '{chosen.Name}' split '{name}': "
                        + $"no file matches '{glob.Pattern}' (its dataset card's data_files)");
                }
                var data = matched.Where(DatasetFileSelector.IsData).ToList();
                if (data.Count == 0)
                {
                    throw new AlertException($"dataset {repo} config '{chosen.Name}' split '{name}': "
                        + $"'{glob.Pattern}' matches no {string.Join(", ", DatasetFileSelector.Extensions)} file "
                        + $"({string.Join(", ", matched.Take(3))})");
                }
                picked.AddRange(data.Where(seen.Add));
            }
        }
        return (picked, chosen.Name);
    }
}
