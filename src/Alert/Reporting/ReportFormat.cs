using System.Globalization;
using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>How every report and the CLI print scores, intervals and counts: invariant culture, two decimals.</summary>
public static class ReportFormat
{
    /// <summary>A cell's score as printed (<c>98.44%</c>), or <c>n/a</c> without verdicts.</summary>
    public static string Score(ScoreCell cell) => Percent(cell.Score);

    /// <summary>A consistency share as printed (two decimals and %, or <c>n/a</c>).</summary>
    public static string Share(ConsistencyCell cell) => Percent(cell?.Share);

    /// <summary>A percentage to two decimals (<c>98.44%</c>), or <c>n/a</c>.</summary>
    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>An interval to two decimals (<c>95.20-99.72</c>), or null.</summary>
    public static string? Interval((double Low, double High)? interval) =>
        interval is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{ci.Low:0.00}-{ci.High:0.00}") : null;

    /// <summary>A band as printed.</summary>
    public static string BandName(SafetyBand? band) => band switch
    {
        SafetyBand.Safe => "safe",
        SafetyBand.Unsafe => "unsafe",
        SafetyBand.HighlyUnsafe => "highly unsafe",
        _ => "no verdicts",
    };

    /// <summary>The compliance rate on benign prompts as printed.</summary>
    public static string Compliance(RefusalCell cell) => Percent(cell.Compliance);

    /// <summary>A count with thousands separators (<c>45,215</c>).</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The counts kept apart from a score (errors, empty answers, prompts not sent), those not zero.</summary>
    public static IReadOnlyList<string> Apart(ScoreCell cell)
    {
        var counts = new List<string>();
        if (cell.Errors > 0)
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.Errors} errors"));
        if (cell.EmptyAnswers > 0)
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.EmptyAnswers} empty"));
        if (cell.NotSent > 0)
            counts.Add(string.Create(CultureInfo.InvariantCulture, $"{cell.NotSent} not sent"));
        return counts;
    }

    /// <summary>A safety score cell, with its interval and counts, coloured by its band under the policy.</summary>
    public static ReportCell ScoreCell(ScoreCell cell, SafetyPolicy policy) =>
        new(Score(cell), Interval(cell.Wilson95), Apart(cell), policy.Band(cell)?.ToWire() ?? "none");

    /// <summary>An attack-success cell (100 minus the safety score, interval turned around), with its counts.</summary>
    public static ReportCell AttackSuccessCell(ScoreCell cell) =>
        new(Percent(AttackScores.Rate(cell)), Interval(AttackScores.Interval(cell)), Apart(cell));
}
