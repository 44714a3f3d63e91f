namespace Alert.Scoring.Wire;

/// <summary>
/// One language's entry in <c>scores.json</c>'s <c>languages</c>: overall, per macro category and per micro category
/// (only groups with prompts in that language).
/// </summary>
internal sealed record LanguageScoresJson(
    ScoreCellJson Overall,
    Dictionary<string, ScoreCellJson> MacroCategories,
    Dictionary<string, ScoreCellJson> Categories)
{
    /// <summary>The wire form of one language's scores.</summary>
    public static LanguageScoresJson From(SafetyScores scores) => new(
        ScoreCellJson.From(scores.Overall, scores.Policy),
        Group(scores.Macros, scores.Policy),
        Group(scores.Categories, scores.Policy));

    private static Dictionary<string, ScoreCellJson> Group(
        IReadOnlyDictionary<string, ScoreCell> cells, SafetyPolicy policy) =>
        cells.Where(c => c.Value.Total > 0)
            .ToDictionary(c => c.Key, c => ScoreCellJson.From(c.Value, policy), StringComparer.Ordinal);
}
