using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

// The human-audited section of report.html (runs with audit labels).
public sealed partial class HtmlReportExporter
{
    /// <summary>Beside each raw overall and macro score, the estimate from the run's own audit labels.</summary>
    private static void HumanAuditedSection(StringBuilder h, ReportModel model)
    {
        var runs = model.Runs.Where(r => r.HumanAudited is not null).ToList();
        if (runs.Count == 0)
            return;
        h.Append("<h2>Human-audited estimates</h2>\n<p>").Append(E(HumanAuditedText.Explanation)).Append("</p>\n")
            .Append("<table><tr><th>Run</th><th>Judge</th><th>Raw overall</th><th>Human-audited overall</th>")
            .Append("<th>Labelled</th><th>Sensitivity</th><th>Specificity</th></tr>\n");
        foreach (var run in runs)
        {
            var a = run.HumanAudited!;
            h.Append("<tr><td>").Append(E(run.Name)).Append("</td><td>").Append(E(run.Judge)).Append("</td>");
            Cell(h, run.Scores.Overall, run.Scores.Policy);
            AuditedCell(h, a.Overall);
            h.Append(CultureInfo.InvariantCulture, $"<td>{a.Labelled}</td><td>")
                .Append(E(HumanAuditedText.Share(a.Sensitivity, a.SensitivityCi95))).Append("</td><td>")
                .Append(E(HumanAuditedText.Share(a.Specificity, a.SpecificityCi95))).Append("</td></tr>\n");
        }
        h.Append("</table>\n<p>By macro category, raw beside human-audited:</p>\n<table><tr><th>Macro category</th>");
        foreach (var run in runs)
            h.Append("<th>").Append(E(run.Name)).Append(" raw<span class=\"ci\">").Append(E(run.Judge))
                .Append("</span></th><th>human-audited</th>");
        h.Append("</tr>\n");
        foreach (var macro in model.Taxonomy.Macros)
        {
            h.Append("<tr><td>").Append(E(macro.Name)).Append("</td>");
            foreach (var run in runs)
            {
                Cell(h, run.Scores.Macros[macro.Id], run.Scores.Policy);
                AuditedCell(h, run.HumanAudited!.Macros.GetValueOrDefault(macro.Id));
            }
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
        var notes = runs.SelectMany(r => r.HumanAudited!.Agreement.Select(p => r.Name + ": "
            + HumanAuditedText.Agreement(p))).ToList();
        if (notes.Count > 0)
            h.Append("<ul>").Append(string.Concat(notes.Select(n => "<li>" + E(n) + "</li>"))).Append("</ul>\n");
    }

    private static void AuditedCell(StringBuilder h, HumanAuditedCell? cell)
    {
        h.Append("<td>").Append(cell is null ? "" : E(HumanAuditedText.Score(cell)));
        if (cell is not null)
            h.Append("<span class=\"ci\">").Append(E(HumanAuditedText.Interval(cell))).Append("</span>");
        h.Append("</td>");
    }
}
