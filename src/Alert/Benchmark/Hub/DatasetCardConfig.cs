namespace Alert.Benchmark.Hub;

/// <summary>
/// One config a dataset card declares in its YAML front matter (<c>configs:</c>), as Hugging Face <c>datasets</c>
/// reads it: its name, whether it is the default, and the files of each split (glob patterns).
/// </summary>
/// <param name="Name">The <c>config_name</c> (<c>default</c> when the card gives none).</param>
/// <param name="IsDefault">Whether the card marks it <c>default: true</c>.</param>
/// <param name="DataDir">The <c>data_dir</c> its patterns are relative to, if any.</param>
/// <param name="Splits">Each split and its patterns, in card order (empty: every data file under the folder).</param>
/// <param name="Line">The card line it starts on, for messages.</param>
internal sealed record DatasetCardConfig(
    string Name, bool IsDefault, string? DataDir, IReadOnlyList<DatasetCardSplit> Splits, long Line);
