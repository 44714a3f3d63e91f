namespace Alert.Running;

/// <summary>What <c>alert build --translate</c> does: which languages, how strict a check, how many at once.</summary>
public sealed record TranslationOptions
{
    /// <summary>The languages to translate the English rows into (BCP-47 tags).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Translations with a round-trip similarity below this are flagged (kept, marked, counted).</summary>
    public double MinSimilarity { get; init; } = 0.6;

    /// <summary>Translator calls in flight at once.</summary>
    public int Concurrency { get; init; } = 8;
}
