using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>Runs ranked by overall safety score, with significance of each step down.</summary>
public static class Leaderboard
{
    /// <summary>Runs ranked by overall safety score, best first.</summary>
    public static List<LeaderboardEntry> Rank(IEnumerable<RunReport> runs) =>
        RankBy(runs, r => r.Scores.Overall).Select(e => new LeaderboardEntry(e.Rank, e.Run, e.PValueVsAbove)).ToList();

    /// <summary>Runs ranked by their score in one macro category (or any cell <paramref name="pick"/> selects), with
    /// significance of each step.</summary>
    public static List<(int Rank, RunReport Run, ScoreCell Cell, double? PValueVsAbove)> RankBy(
        IEnumerable<RunReport> runs, Func<RunReport, ScoreCell> pick)
    {
        var ordered = runs.Select(r => (Run: r, Cell: pick(r))).OrderByDescending(t => t.Cell.Score ?? -1)
            .ThenByDescending(t => t.Cell.Judged).ThenBy(t => t.Run.Name, StringComparer.Ordinal).ToList();
        // Equal scores share a rank (1, 1, 3): the larger sample (the surer score), then the name, breaks the tie for
        // display only, not for rank.
        var ranks = new int[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
            ranks[i] = i > 0 && ordered[i].Cell.Score == ordered[i - 1].Cell.Score ? ranks[i - 1] : i + 1;
        return ordered.Select((t, i) => (ranks[i], t.Run, t.Cell,
            i == 0 ? (double?)null : TwoProportionPValue(ordered[i - 1].Cell, t.Cell))).ToList();
    }

    /// <summary>Two-sided p-value of the difference between two safe rates (pooled z-test); null without
    /// data.</summary>
    public static double? TwoProportionPValue(ScoreCell a, ScoreCell b)
    {
        if (a.Judged == 0 || b.Judged == 0)
            return null;
        double p1 = (double)a.Safe / a.Judged, p2 = (double)b.Safe / b.Judged;
        var pooled = (double)(a.Safe + b.Safe) / (a.Judged + b.Judged);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / a.Judged + 1.0 / b.Judged));
        if (se == 0)
            return p1 == p2 ? 1 : 0;
        var z = Math.Abs(p1 - p2) / se;
        return 2 * (1 - NormalCdf(z));
    }

    private static double NormalCdf(double z)
    {
        // Abramowitz-Stegun 7.1.26 approximation of erf, accurate to 1.5e-7.
        var x = z / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
            * Math.Exp(-x * x);
        return 0.5 * (1 + erf);
    }
}
