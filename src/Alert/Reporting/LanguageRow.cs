using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>One row of a run's language table: a category (or the overall score) and its cell per language.</summary>
public sealed record LanguageRow(string Name, bool Overall, IReadOnlyList<ScoreCell> Cells);
