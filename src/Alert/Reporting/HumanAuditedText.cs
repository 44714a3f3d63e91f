using System.Globalization;
using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>The human-audited figures as every report format prints them (invariant, two decimals).</summary>
public static class HumanAuditedText
{
    /// <summary>What the section says the estimate is, in one paragraph.</summary>
    public static string Explanation { get; } =
        "Scores re-estimated from a random audit sample of the run's answers labelled by people (labels.db: "
        + "alert labels import --audit, or alert view): the judge's verdict on every answer, "
        + "corrected by how often the labellers disagreed with it among answers it called unsafe and among those it "
        + "called safe (post-stratified on the verdict; 95% interval from the stratified variance with the "
        + "finite-population correction, so it carries both the sample's and the judge's uncertainty). Where every "
        + "answer is labelled it is the labelled share. Sensitivity and specificity are the judge's on the sample.";

    /// <summary>A score in percent, or n/a.</summary>
    public static string Score(HumanAuditedCell cell) =>
        cell.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    /// <summary>A score's interval, low-high, or the reason there is no score.</summary>
    public static string Interval(HumanAuditedCell cell) => cell.Ci95 is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"{c.Low:0.00}-{c.High:0.00}")
        : cell.Reason ?? "";

    /// <summary>A share with its interval ("0.85 (0.78-0.90)"), or n/a.</summary>
    public static string Share(double? value, (double Low, double High)? ci) => value is { } v
        ? string.Create(CultureInfo.InvariantCulture, $"{v:0.00}")
            + (ci is { } c ? string.Create(CultureInfo.InvariantCulture, $" ({c.Low:0.00}-{c.High:0.00})") : "")
        : "n/a";

    /// <summary>Two labellers' agreement in one sentence.</summary>
    public static string Agreement(Labels.LabellerAgreement pair) => string.Create(CultureInfo.InvariantCulture,
        $"{pair.First} and {pair.Second}: {pair.Common} answers labelled by both, agreement {pair.Agreement:0.00}, ")
        + "Cohen's kappa " + (pair.Kappa is { } k ? k.ToString("0.00", CultureInfo.InvariantCulture) : "undefined");
}
