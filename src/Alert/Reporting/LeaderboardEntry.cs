namespace Alert.Reporting;

/// <summary>One run's place: rank by overall score, and whether it differs significantly from the run above.</summary>
public sealed record LeaderboardEntry(int Rank, RunReport Run, double? PValueVsAbove)
{
    /// <summary>True when the difference to the run ranked above is not significant (two-proportion z-test, p >=
    /// 0.05).</summary>
    public bool TiedWithAbove => PValueVsAbove is >= 0.05;
}
