namespace Alert.Scoring.Wire;

/// <summary><c>scores.json</c>'s <c>consistency</c> section: overall and per category.</summary>
internal sealed record ConsistencyJson(ConsistencyCellJson Overall, Dictionary<string, ConsistencyCellJson> Categories)
{
    /// <summary>The wire form of <paramref name="consistency"/>.</summary>
    public static ConsistencyJson From(LanguageConsistency consistency) => new(
        ConsistencyCellJson.From(consistency.Overall),
        consistency.Categories.ToDictionary(
            c => c.Key, c => ConsistencyCellJson.From(c.Value), StringComparer.Ordinal));
}
