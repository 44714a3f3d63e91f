namespace Alert.Benchmark.Hub;

/// <summary>
/// A released dataset of the ALERT family, known by name: where it is on the Hub, its default config and split,
/// and how its rows map to benchmark prompts.
/// </summary>
/// <param name="Name">What <c>--benchmark</c> accepts, e.g. <c>alert</c> or <c>m-alert</c>.</param>
/// <param name="Repo">OWNER/NAME on the Hub.</param>
/// <param name="Config">The config loaded (null: the repository's only one).</param>
/// <param name="Split">The split its files hold.</param>
/// <param name="Description">One sentence for <c>alert datasets list</c>.</param>
public sealed record KnownDataset(string Name, string Repo, string? Config, string Split, string Description)
{
    /// <summary>Parallel prompt columns, one per language (M-ALERT): each row is one prompt in each language.</summary>
    public IReadOnlyList<string> LanguageColumns { get; init; } = [];

    /// <summary>The language of every row, for a one-language repository (e.g. <c>felfri/ALERT_fr</c>).</summary>
    public string? Lang { get; init; }

    /// <summary>The Hub spec it stands for, <c>hf:OWNER/NAME[:CONFIG]</c>.</summary>
    public string Spec => HubDatasetSpec.Prefix + Repo + (Config is null ? "" : ":" + Config);
}
