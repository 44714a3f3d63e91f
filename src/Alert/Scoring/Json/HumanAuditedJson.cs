namespace Alert.Scoring;

/// <summary><c>scores.json</c>'s <c>human_audited</c>: shares as fractions, scores in percent safe.</summary>
internal sealed record HumanAuditedJson(string Method, int Labelled, int StaleLabels, double? Sensitivity,
    double[]? SensitivityCi95, double? Specificity, double[]? SpecificityCi95, HumanAuditedCellJson Overall,
    Dictionary<string, HumanAuditedCellJson> Macro, List<LabellerAgreementJson> Kappa)
{
    /// <summary>The estimate as written.</summary>
    public static HumanAuditedJson From(HumanAuditedScore score) => new(HumanAuditedScore.Method, score.Labelled,
        score.StaleLabels, Round(score.Sensitivity), Interval(score.SensitivityCi95), Round(score.Specificity),
        Interval(score.SpecificityCi95), HumanAuditedCellJson.From(score.Overall),
        score.Macros.ToDictionary(m => m.Key, m => HumanAuditedCellJson.From(m.Value), StringComparer.Ordinal),
        score.Agreement.Select(a => new LabellerAgreementJson(a.First, a.Second, a.Common, Round(a.Agreement)!.Value,
            Round(a.Kappa))).ToList());

    /// <summary>A number as scores.json rounds it.</summary>
    public static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>An interval as [low, high], rounded.</summary>
    public static double[]? Interval((double Low, double High)? ci) =>
        ci is { } c ? [Math.Round(c.Low, 4), Math.Round(c.High, 4)] : null;
}
