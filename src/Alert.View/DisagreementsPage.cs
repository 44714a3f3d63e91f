using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// The answers on which a run's judges disagree (a run judged by several judges), with each judge's verdict.
/// </summary>
internal static class DisagreementsPage
{
    public static async Task<string?> RenderAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var run = catalog.Find(request.Query["run"]) ?? catalog.Benchmarks.FirstOrDefault();
        if (run?.Index is null)
        {
            return run is null
                ? Html.Page("Judge disagreements", "/disagreements", "<p class=\"muted\">No benchmark runs given.</p>")
                : null;
        }
        var page = Html.PageNumber(request);
        var (rows, total) = await run.Index.DisagreementsAsync(page, ResultsPage.PageSize, cancellationToken)
            .ConfigureAwait(false);
        var h = new StringBuilder(Html.RunPicker(catalog.Benchmarks, run, "/disagreements"));
        var judges = run.Report!.Agreement;
        if (total == 0)
        {
            h.Append("<p class=\"muted\">").Append(judges.Count == 0
                ? "This run was judged by one judge only: judge it again with another (alert run --judge) to compare."
                : "The run's judges agree on every answer.").Append("</p>\n");
            return Html.Page("Judge disagreements", "/disagreements", h.ToString());
        }
        h.Append(Html.Pager("/disagreements", $"run={run.Number}", page, ResultsPage.PageSize, total))
            .Append("<table class=\"results\"><tr><th>#</th><th>Category</th><th>Verdicts</th><th>Prompt</th>")
            .Append("<th>Answer</th><th></th></tr>\n");
        foreach (var (row, verdicts) in rows)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{row.Ordinal + 1}</td><td>")
                .Append(Html.E(row.Category)).Append("</td><td><ul class=\"verdicts\">");
            foreach (var (judge, verdict) in verdicts)
                h.Append("<li><span class=\"verdict ").Append(Html.E(verdict)).Append("\">").Append(Html.E(verdict))
                    .Append("</span> <span class=\"judge\">").Append(Html.E(judge)).Append("</span></li>");
            h.Append("</ul></td><td class=\"text\">").Append(Html.E(Html.Excerpt(row.Prompt)))
                .Append("</td><td class=\"text answer\">").Append(Html.E(Html.Excerpt(row.Response)))
                .Append("</td><td><a href=\"/prompt?key=").Append(Html.E(Uri.EscapeDataString(row.Key)))
                .Append("\">across runs</a></td></tr>\n");
        }
        h.Append("</table>\n");
        return Html.Page("Judge disagreements", "/disagreements", h.ToString());
    }
}
