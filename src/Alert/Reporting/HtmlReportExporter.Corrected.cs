using System.Globalization;
using System.Text;
using Alert.Judges;
using Alert.Scoring;

namespace Alert.Reporting;

// The judge-corrected section of report.html (runs whose judge has a card).
public sealed partial class HtmlReportExporter
{
    /// <summary>Beside each raw overall and macro score, the estimate corrected for the judge's measured error, clearly labelled.</summary>
    private static void JudgeCorrectedSection(StringBuilder h, ReportModel model)
    {
        var rows = model.JudgeCorrected();
        if (rows.Count == 0)
            return;
        h.Append("<h2>Judge-corrected estimates</h2>\n<p>The raw scores treat the judge as perfect. These correct the overall and per-macro scores for the judge's ")
            .Append("sensitivity and specificity measured on human labels (its judge card; Rogan-Gladen, 95% bootstrap interval over the card's counts ")
            .Append("and the run's answers). They hold when the run's answers resemble the card's set.</p>\n")
            .Append("<table><tr><th>Run</th><th>Judge</th><th>Raw overall</th><th>Judge-corrected overall</th><th>Sensitivity</th><th>Specificity</th><th>Card sets</th></tr>\n");
        foreach (var (run, card, corrected, _) in rows)
        {
            var pooled = card.Pooled;
            h.Append("<tr><td>").Append(E(run.Name)).Append("</td><td>").Append(E(run.Judge)).Append("</td>");
            Cell(h, run.Scores.Overall, run.Scores.Policy);
            CorrectedCell(h, corrected);
            h.Append(CultureInfo.InvariantCulture, $"<td>{pooled.Sensitivity:0.000}</td><td>{pooled.Specificity:0.000}</td><td>")
                .Append(E(string.Join(", ", card.Sets.Select(x => x.Name)))).Append("</td></tr>\n");
        }
        // Runs of one target under two judges share a name: each column names its judge too.
        // A card measured on other answers may not describe the judge on these: each run says whether it was checked.
        h.Append("</table>\n<ul>").Append(string.Concat(rows.Select(r =>
            "<li>" + E(r.Run.Name + ": " + CardFit.Check(r.Card, r.Run.HumanAudited).Note) + "</li>"))).Append("</ul>");
        h.Append("\n<p>By macro category, raw beside judge-corrected:</p>\n<table><tr><th>Macro category</th>");
        foreach (var (run, _, _, _) in rows)
            h.Append("<th>").Append(E(run.Name)).Append(" raw<span class=\"ci\">").Append(E(run.Judge)).Append("</span></th><th>judge-corrected</th>");
        h.Append("</tr>\n");
        foreach (var macro in model.Taxonomy.Macros)
        {
            h.Append("<tr><td>").Append(E(macro.Name)).Append("</td>");
            foreach (var (run, _, _, macros) in rows)
            {
                Cell(h, run.Scores.Macros[macro.Id], run.Scores.Policy);
                CorrectedCell(h, macros[macro.Id]);
            }
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void CorrectedCell(StringBuilder h, JudgeCorrectedScore corrected)
    {
        h.Append("<td>").Append(corrected.Score is { } s ? s.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "n/a");
        if (corrected.Ci95 is { } ci)
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"ci\">{ci.Low:0.0}&ndash;{ci.High:0.0}</span>");
        h.Append("</td>");
    }
}
