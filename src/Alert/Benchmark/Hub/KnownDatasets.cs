namespace Alert.Benchmark.Hub;

/// <summary>The ALERT family on the Hub, by name (spec §8): the released benchmark, its DPO set and M-ALERT.</summary>
public static class KnownDatasets
{
    /// <summary>M-ALERT's languages, its parallel column names.</summary>
    public static readonly IReadOnlyList<string> MAlertLanguages = ["en", "fr", "de", "es", "it"];

    /// <summary>Every known dataset, in listing order.</summary>
    public static IReadOnlyList<KnownDataset> All { get; } =
    [
        new("alert", "Babelscape/ALERT", "alert", "test", "ALERT's 14,763 plain prompts (JSONL, CC BY-NC-SA 4.0)"),
        new("alert_adversarial", "Babelscape/ALERT", "alert_adversarial", "test",
            "ALERT's 30,968 adversarial prompts with attack_type (JSONL)"),
        new("alert_dpo", "Babelscape/ALERT_DPO", "alert_dpo", "train", "ALERT's DPO preference pairs (Parquet)"),
        new("alert_dpo_adversarial", "Babelscape/ALERT_DPO", "alert_dpo_adversarial", "train",
            "ALERT's DPO pairs for the adversarial prompts (Parquet)"),
        new("m-alert", "felfri/M-ALERT", null, "train",
            "M-ALERT: the 14,763 prompts in en, fr, de, es and it, one row per prompt per language")
        {
            LanguageColumns = MAlertLanguages,
        },
        .. new[] { "fr", "de", "es", "it" }.Select(lang => new KnownDataset(
            $"alert_{lang}", $"felfri/ALERT_{lang}", null,
            "train", $"ALERT translated to '{lang}' (M-ALERT's per-language repository)") { Lang = lang }),
    ];

    /// <summary>The dataset named <paramref name="name"/> (case-insensitive), if known.</summary>
    public static KnownDataset? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What is known of a Hub spec's repository and config: the dataset of that config, else the repository's first
    /// (whose default config then applies when the spec names none).
    /// </summary>
    public static KnownDataset? ForRepo(string repo, string? config)
    {
        var ofRepo = All.Where(d => string.Equals(d.Repo, repo, StringComparison.OrdinalIgnoreCase)).ToList();
        return config is null ? ofRepo.FirstOrDefault() : ofRepo.FirstOrDefault(d => d.Config == config)
            ?? (ofRepo.FirstOrDefault() is { } any ? any with { Config = config } : null);
    }

    /// <summary>Whether <paramref name="spec"/> is <c>NAME[@REVISION]</c> with a known name.</summary>
    public static bool IsKnown(string spec) => Find(spec.Split('@')[0]) is not null;

    /// <summary>The Hub spec <c>NAME[@REVISION]</c> stands for; an unknown name is an error.</summary>
    public static HubDatasetSpec ToHubSpec(string spec)
    {
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        var known = Find(at < 0 ? spec : spec[..at])
            ?? throw new AlertException(
                $"unknown dataset '{spec}' (known: {string.Join(", ", All.Select(d => d.Name))})");
        return HubDatasetSpec.Parse(known.Spec + (at < 0 ? "" : spec[at..]));
    }
}
