using System.Globalization;
using System.Text;
using Alert.Judges;
using Alert.Scoring;

namespace Alert.Reporting;

// The judge-corrected section of report.md (runs whose judge has a card).
public sealed partial class MarkdownReportExporter
{
    /// <summary>Beside each raw overall score, the estimate corrected for the judge's measured error, clearly labelled.</summary>
    private static void JudgeCorrectedSection(StringBuilder md, ReportModel model)
    {
        var rows = model.JudgeCorrected();
        if (rows.Count == 0)
            return;
        md.Append("\n## Judge-corrected estimates\n\nThe overall score corrected for the judge's sensitivity and specificity measured on human labels ")
            .Append("(its judge card; Rogan-Gladen, 95% bootstrap interval). It holds when the run's answers resemble the card's set.\n\n")
            .Append("| Run | Judge | Raw overall | Judge-corrected | 95% CI | Sensitivity | Specificity | Card sets |\n|---|---|---:|---:|---|---:|---:|---|\n");
        foreach (var (run, card, corrected) in rows)
        {
            var pooled = card.Pooled;
            var score = corrected.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";
            var ci = corrected.Ci95 is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Low:0.00}-{c.High:0.00}") : "";
            md.Append(CultureInfo.InvariantCulture, $"| {Code(run.Name)} | {Code(run.Judge)} | {Score(run.Scores.Overall)} | {score} | {ci} | {pooled.Sensitivity:0.000} | {pooled.Specificity:0.000} | {string.Join(", ", card.Sets.Select(x => x.Name))} |\n");
        }
    }
}
