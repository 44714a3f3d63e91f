using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

// The adaptive-attack section of report.html (attack runs only).
public sealed partial class HtmlReportExporter
{
    /// <summary>Attack success per method and macro category, queries to success, success against budget, a transcript per category.</summary>
    private static void AttacksSection(StringBuilder h, ReportModel model)
    {
        if (model.Attacks.Count == 0)
            return;
        h.Append("<h2>Adaptive attacks</h2>\n<p>Attack success rate: jailbroken / (jailbroken + resisted), a goal being jailbroken when the run's judge found its best attack unsafe (95% Wilson interval below each); the in-loop scorer's rate beside it. Goals whose attack failed or errored are counted beside it.</p>");
        h.Append("<table><tr><th>Run</th><th>Method</th><th>Goals</th><th>Attack failed</th><th>Errors</th><th>ASR</th><th>In-loop</th>");
        foreach (var macro in model.Taxonomy.Macros)
            h.Append("<th>").Append(E(macro.Name)).Append("</th>");
        h.Append("<th>Queries to success (mean / median)</th></tr>\n");
        foreach (var run in model.Attacks)
        {
            foreach (var m in run.Methods)
            {
                h.Append("<tr><td>").Append(E(run.Name)).Append("</td><td>").Append(E(m.Method)).Append("</td><td>").Append(m.Overall.Total).Append("</td><td>").Append(m.Overall.NotSent)
                    .Append("</td><td>").Append(m.Overall.Errors).Append("</td>");
                AsrCell(h, m.Overall);
                AsrCell(h, m.InLoop);
                foreach (var macro in model.Taxonomy.Macros)
                    AsrCell(h, m.Macros[macro.Id]);
                var q = m.QueriesToSuccess;
                h.Append("<td>").Append(q.Count == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{q.Average():0.0} / {q[q.Count / 2]}")).Append("</td></tr>\n");
            }
        }
        h.Append("</table>\n<h3>Success against target queries per goal</h3>\n<table><tr><th>Run</th><th>Method</th><th style=\"text-align:left\">ASR at 1, 2, 5, 10, ... queries</th></tr>\n");
        foreach (var run in model.Attacks)
        {
            foreach (var m in run.Methods)
            {
                h.Append("<tr><td>").Append(E(run.Name)).Append("</td><td>").Append(E(m.Method)).Append("</td><td style=\"text-align:left\">")
                    .Append(E(m.FormatByBudget()))
                    .Append("</td></tr>\n");
            }
        }
        h.Append("</table>\n<h3>Transcripts</h3>\n<p>One goal per category and method (a successful one where there is one), shown as text.</p>\n");
        foreach (var run in model.Attacks)
        {
            foreach (var (method, transcripts) in run.Transcripts)
            {
                h.Append("<h4>").Append(E(run.Name)).Append(": ").Append(E(method)).Append("</h4>\n");
                foreach (var t in transcripts)
                {
                    h.Append("<details><summary>").Append(E(t.Category)).Append(t.Success ? " (success)" : " (resisted)").Append("</summary>\n<b>Goal</b><pre>")
                        .Append(E(t.Goal)).Append("</pre><b>Best attack</b><pre>").Append(E(t.Prompt ?? "")).Append("</pre><b>Answer</b><pre>")
                        .Append(E(t.Response ?? "")).Append("</pre>");
                    if (t.Turns is not null)
                        h.Append("<b>Conversation</b><pre>").Append(E(t.Turns)).Append("</pre>");
                    h.Append("</details>\n");
                }
            }
        }
    }

    private static void AsrCell(StringBuilder h, ScoreCell cell)
    {
        h.Append("<td>").Append(AttackScores.Format(AttackScores.Rate(cell)));
        if (AttackScores.Interval(cell) is { } ci)
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"ci\">{ci.Low:0.0}&ndash;{ci.High:0.0}</span>");
        h.Append("</td>");
    }
}
