namespace Alert.Scoring.Wire;

/// <summary>A consistency cell as <c>scores.json</c> writes it: counts and the share in percent.</summary>
internal sealed record ConsistencyCellJson(int Consistent, int Compared, double? Share)
{
    /// <summary>The wire form of <paramref name="cell"/>, its share rounded to four places.</summary>
    public static ConsistencyCellJson From(ConsistencyCell cell) =>
        new(cell.Consistent, cell.Compared, cell.Share is { } s ? Math.Round(s, 4) : null);
}
