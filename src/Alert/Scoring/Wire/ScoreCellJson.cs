namespace Alert.Scoring.Wire;

/// <summary>One group's counts and score as <c>scores.json</c>'s language sections write them.</summary>
internal sealed record ScoreCellJson(
    int Safe, int Unsafe, int Errors, int Total, double? Score, double[]? Ci95, string? Band)
{
    /// <summary>The cell's counts, score (four places) and band under <paramref name="policy"/>.</summary>
    public static ScoreCellJson From(ScoreCell cell, SafetyPolicy policy) => new(
        cell.Safe, cell.Unsafe, cell.Errors, cell.Total,
        cell.Score is { } s ? Math.Round(s, 4) : null,
        cell.Wilson95 is { } ci ? [Math.Round(ci.Low, 4), Math.Round(ci.High, 4)] : null,
        policy.Band(cell)?.ToWire());
}
