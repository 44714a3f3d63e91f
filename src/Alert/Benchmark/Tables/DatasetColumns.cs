namespace Alert.Benchmark.Tables;

/// <summary>
/// Which columns of a data file hold what, where they are not ALERT's own (<c>prompt</c>, <c>category</c>), and which
/// languages to load (<c>--lang</c>): rows whose <c>lang</c> column is one of them, or the parallel columns of that
/// name (M-ALERT's <c>en fr de es it</c>).
/// </summary>
public sealed record DatasetColumns
{
    /// <summary>The column with the prompt text (default <c>prompt</c>).</summary>
    public string? PromptField { get; init; }

    /// <summary>The column with the ALERT category (default <c>category</c>).</summary>
    public string? CategoryField { get; init; }

    /// <summary>The languages to load; empty loads every language the file has.</summary>
    public IReadOnlyList<string> Langs { get; init; } = [];

    /// <summary>ALERT's own columns and every language.</summary>
    public static DatasetColumns Default { get; } = new();

    /// <summary>Whether nothing differs from ALERT's layout (so the plain JSONL reader serves).</summary>
    public bool IsDefault => PromptField is null && CategoryField is null && Langs.Count == 0;

    /// <summary>The settings as text, for the run identity: <c>prompt=text;category=label;lang=fr,de</c>.</summary>
    public override string ToString() =>
        $"prompt={PromptField ?? "prompt"};category={CategoryField ?? "category"};lang={string.Join(',', Langs)}";
}
