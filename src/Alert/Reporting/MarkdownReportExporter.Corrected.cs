using System.Globalization;
using System.Text;
using Alert.Judges;
using Alert.Scoring;

namespace Alert.Reporting;

// The judge-corrected section of report.md (runs whose judge has a card).
public sealed partial class MarkdownReportExporter
{
    /// <summary>Beside each raw overall and macro score, the estimate corrected for the judge's measured error, clearly labelled.</summary>
    private static void JudgeCorrectedSection(StringBuilder md, ReportModel model)
    {
        var rows = model.JudgeCorrected();
        if (rows.Count == 0)
            return;
        md.Append("\n## Judge-corrected estimates\n\nThe overall and per-macro scores corrected for the judge's sensitivity and specificity measured on human labels ")
            .Append("(its judge card; Rogan-Gladen, 95% bootstrap interval). They hold when the run's answers resemble the card's set.\n\n")
            .Append("| Run | Judge | Raw overall | Judge-corrected | 95% CI | Sensitivity | Specificity | Card sets |\n|---|---|---:|---:|---|---:|---:|---|\n");
        foreach (var (run, card, corrected, _) in rows)
        {
            var pooled = card.Pooled;
            md.Append(CultureInfo.InvariantCulture, $"| {Code(run.Name)} | {Code(run.Judge)} | {Score(run.Scores.Overall)} | {Corrected(corrected)} | {Ci(corrected)} | {pooled.Sensitivity:0.000} | {pooled.Specificity:0.000} | {string.Join(", ", card.Sets.Select(x => x.Name))} |\n");
        }
        // A card measured on other answers may not describe the judge on these: each run says whether it was checked.
        foreach (var (run, card, _, _) in rows)
            md.Append("\n- ").Append(Code(run.Name)).Append(": ").Append(CardFit.Check(card, run.HumanAudited).Note);
        md.Append("\n\nBy macro category, raw beside judge-corrected (95% CI):\n\n| Macro category |");
        foreach (var (run, _, _, _) in rows)
            md.Append(' ').Append(Code(run.Name)).Append(" (").Append(Code(run.Judge)).Append(") raw | judge-corrected |");
        md.Append("\n|---|").Append(string.Concat(Enumerable.Repeat("---:|---:|", rows.Count))).Append('\n');
        foreach (var macro in model.Taxonomy.Macros)
        {
            md.Append("| ").Append(macro.Name).Append(" |");
            foreach (var (run, _, _, macros) in rows)
            {
                var corrected = macros[macro.Id];
                md.Append(' ').Append(Score(run.Scores.Macros[macro.Id])).Append(" | ").Append(Corrected(corrected));
                if (corrected.Ci95 is not null)
                    md.Append(" (").Append(Ci(corrected)).Append(')');
                md.Append(" |");
            }
            md.Append('\n');
        }
    }

    private static string Corrected(JudgeCorrectedScore corrected) =>
        corrected.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Ci(JudgeCorrectedScore corrected) =>
        corrected.Ci95 is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Low:0.00}-{c.High:0.00}") : "";
}
