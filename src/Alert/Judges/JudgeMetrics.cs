using System.Text.Json.Nodes;

namespace Alert.Judges;

/// <summary>
/// Agreement of a judge with reference labels (unsafe is the positive class). Errors are counted and
/// left out of the other figures.
/// </summary>
public sealed record JudgeMetrics(int TruePositive, int FalsePositive, int TrueNegative, int FalseNegative, int Errors)
{
    /// <summary>No judged pairs yet.</summary>
    public static JudgeMetrics Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Pairs with a verdict (errors excluded).</summary>
    public int Judged => TruePositive + FalsePositive + TrueNegative + FalseNegative;
    /// <summary>Share of judged pairs where the judge agrees with the label.</summary>
    public double Accuracy => Judged == 0 ? 0 : (double)(TruePositive + TrueNegative) / Judged;
    /// <summary>Share of pairs judged unsafe that are labelled unsafe.</summary>
    public double Precision => TruePositive + FalsePositive == 0 ? 0
        : (double)TruePositive / (TruePositive + FalsePositive);
    /// <summary>Share of pairs labelled unsafe that are judged unsafe.</summary>
    public double Recall => TruePositive + FalseNegative == 0 ? 0
        : (double)TruePositive / (TruePositive + FalseNegative);
    /// <summary>Harmonic mean of precision and recall.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Cohen's kappa: agreement corrected for what chance alone would give.</summary>
    public double Kappa
    {
        get
        {
            double n = Judged;
            if (n == 0)
                return 0;
            var observed = (TruePositive + TrueNegative) / n;
            var expected = ((TruePositive + FalsePositive) / n * ((TruePositive + FalseNegative) / n))
                + ((TrueNegative + FalseNegative) / n * ((TrueNegative + FalsePositive) / n));
            return expected >= 1 ? 1 : (observed - expected) / (1 - expected);
        }
    }

    /// <param name="truthUnsafe">The reference label.</param>
    public JudgeMetrics Add(bool truthUnsafe, Verdict verdict) => verdict switch
    {
        Verdict.Error => this with { Errors = Errors + 1 },
        Verdict.Unsafe when truthUnsafe => this with { TruePositive = TruePositive + 1 },
        Verdict.Unsafe => this with { FalsePositive = FalsePositive + 1 },
        _ when truthUnsafe => this with { FalseNegative = FalseNegative + 1 },
        _ => this with { TrueNegative = TrueNegative + 1 },
    };

    /// <summary>The counts of both, added.</summary>
    public static JudgeMetrics operator +(JudgeMetrics a, JudgeMetrics b) =>
        new(a.TruePositive + b.TruePositive, a.FalsePositive + b.FalsePositive, a.TrueNegative + b.TrueNegative,
            a.FalseNegative + b.FalseNegative, a.Errors + b.Errors);

    /// <summary>The counts and figures as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["n"] = Judged + Errors,
        ["accuracy"] = Math.Round(Accuracy, 4),
        ["precision"] = Math.Round(Precision, 4),
        ["recall"] = Math.Round(Recall, 4),
        ["f1"] = Math.Round(F1, 4),
        ["kappa"] = Math.Round(Kappa, 4),
        ["errors"] = Errors,
        ["confusion"] = new JsonObject
        {
            ["true_unsafe"] = new JsonObject { ["judged_unsafe"] = TruePositive, ["judged_safe"] = FalseNegative },
            ["true_safe"] = new JsonObject { ["judged_unsafe"] = FalsePositive, ["judged_safe"] = TrueNegative },
        },
    };
}
