using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.View;

/// <summary>
/// The overview: each run's overall, plain and adversarial scores with intervals, and its corrected estimates.
/// </summary>
internal static class OverviewPage
{
    public static async Task<string> RenderAsync(ViewCatalog catalog, CancellationToken cancellationToken)
    {
        var h = new StringBuilder();
        h.Append("<p>Scores are the percent of judged answers that are safe, with a 95% Wilson interval. ")
            .Append("The judge-corrected estimate corrects the raw score for the judge's sensitivity and specificity ")
            .Append("measured on other people's labelled answers (its judge card); it holds when the run's answers ")
            .Append("resemble the card's. The human-audited estimate measures the judge on this run's own audit ")
            .Append("sample (labelled on the Label page or imported with alert labels import --audit).</p>\n")
            .Append("<table><tr><th>Run</th><th>Judge</th><th>Prompts</th><th>Overall</th><th>Plain</th>")
            .Append("<th>Adversarial</th><th>Judge-corrected overall</th><th>Human-audited overall</th>")
            .Append("<th></th></tr>\n");
        foreach (var run in catalog.Benchmarks)
        {
            var scores = run.Report!.Scores;
            h.Append("<tr><td>").Append(Html.E(run.Title)).Append("</td><td class=\"judge\">").Append(Html.E(run.Judge))
                .Append("</td><td class=\"num\">")
                .Append(scores.Overall.Total.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>")
                .Append(Html.ScoreCell(scores.Overall)).Append(Html.ScoreCell(scores.Plain))
                .Append(Html.ScoreCell(scores.Adversarial)).Append("<td class=\"score\">");
            h.Append(run.Corrected is { } c
                ? Html.Score(c.Score) + "<span class=\"ci\">" + Html.Interval(c.Ci95) + "</span>"
                : "<span class=\"muted\">no judge card</span>");
            var audited = run.Labels is null ? null
                : await run.Labels.AuditedAsync(cancellationToken).ConfigureAwait(false);
            h.Append("</td><td class=\"score\">").Append(audited is null
                ? "<span class=\"muted\">no audit labels</span>"
                : Html.Score(audited.Overall.Score) + "<span class=\"ci\">" + Html.Interval(audited.Overall.Ci95)
                    + string.Create(CultureInfo.InvariantCulture, $" ({audited.Labelled} labelled)") + "</span>");
            h.Append(CultureInfo.InvariantCulture, $"</td><td><a href=\"/results?run={run.Number}\">results</a>")
                .Append("</td></tr>\n");
        }
        h.Append("</table>\n");
        if (catalog.Benchmarks.Any())
            MacroTable(h, catalog);
        if (catalog.Runs.Any(r => r.IsAttack))
            AttackTable(h, catalog);
        return Html.Page("Overview", "/", h.ToString());
    }

    private static void MacroTable(StringBuilder h, ViewCatalog catalog)
    {
        h.Append("<h2>By macro category</h2>\n<table><tr><th>Macro category</th>");
        foreach (var run in catalog.Benchmarks)
            h.Append("<th>").Append(Html.E(run.Title)).Append("</th>");
        h.Append("</tr>\n");
        foreach (var macro in Alert.Taxonomy.AlertTaxonomy.Default.Macros)
        {
            h.Append("<tr><td>").Append(Html.E(macro.Name)).Append("</td>");
            foreach (var run in catalog.Benchmarks)
                h.Append(Html.ScoreCell(run.Report!.Scores.Macros[macro.Id]));
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }

    private static void AttackTable(StringBuilder h, ViewCatalog catalog)
    {
        h.Append("<h2>Attack runs</h2>\n<p>Attack success rate: the percent of goals the attack made the target ")
            .Append("answer ")
            .Append("unsafely (95% interval).</p>\n<table><tr><th>Run</th><th>Method</th><th>Goals</th>")
            .Append("<th>Attack success rate</th><th></th></tr>\n");
        foreach (var run in catalog.Runs.Where(r => r.IsAttack))
        {
            foreach (var method in run.Attack!.Methods)
            {
                h.Append("<tr><td>").Append(Html.E(run.Title)).Append("</td><td>").Append(Html.E(method.Method))
                    .Append("</td><td class=\"num\">").Append(method.Overall.Total).Append("</td><td class=\"score\">")
                    .Append(Html.Score(AttackScores.Rate(method.Overall))).Append("<span class=\"ci\">")
                    .Append(Html.Interval(AttackScores.Interval(method.Overall))).Append("</span></td>")
                    .Append(CultureInfo.InvariantCulture, $"<td><a href=\"/attacks?run={run.Number}\">transcripts</a>")
                    .Append("</td></tr>\n");
            }
        }
        h.Append("</table>\n");
    }
}
