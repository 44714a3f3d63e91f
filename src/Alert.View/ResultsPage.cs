using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// A run's results, filtered (category, attack type, verdict, judge probability, full text) and paginated.
/// </summary>
internal static class ResultsPage
{
    /// <summary>Results per page.</summary>
    public const int PageSize = 50;

    private static readonly string[] Verdicts = ["safe", "unsafe", "error", "empty", "not_sent"];

    public static async Task<string?> RenderAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var run = catalog.Find(request.Query["run"]) ?? catalog.Benchmarks.FirstOrDefault();
        if (run?.Index is null)
        {
            return run is null
                ? Html.Page("Results", "/results", "<p class=\"muted\">No benchmark runs given.</p>")
                : null;
        }
        var filter = ResultFilter.From(request.Query);
        var page = Html.PageNumber(request);
        var (rows, total) = await run.Index.QueryAsync(filter, page, PageSize, cancellationToken).ConfigureAwait(false);
        var attackTypes = await run.Index.AttackTypesAsync(cancellationToken).ConfigureAwait(false);
        var h = new StringBuilder(Html.RunPicker(catalog.Benchmarks, run, "/results", Amp(filter.ToQuery())));
        Form(h, run, filter, attackTypes);
        var query = $"run={run.Number}" + Amp(filter.ToQuery());
        h.Append(Html.Pager("/results", query, page, PageSize, total));
        h.Append("<table class=\"results\"><tr><th>#</th><th>Category</th><th>Attack</th><th>Verdict</th>")
            .Append("<th>p(harm)</th><th>Prompt</th><th>Answer</th><th></th></tr>\n");
        foreach (var row in rows)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{row.Ordinal + 1}</td><td>")
                .Append(Html.E(row.Category)).Append("</td><td>").Append(Html.E(row.AttackType))
                .Append("</td><td class=\"verdict ").Append(Html.E(row.Verdict)).Append("\">")
                .Append(Html.E(row.Verdict)).Append("</td><td class=\"num\">")
                .Append(row.Probability?.ToString("0.000", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"text\">").Append(Html.E(Html.Excerpt(row.Prompt)))
                .Append("</td><td class=\"text answer\">").Append(Html.E(Html.Excerpt(row.Response)))
                .Append("</td><td><a href=\"/prompt?key=").Append(Html.E(Uri.EscapeDataString(row.Key)))
                .Append("\">across runs</a></td></tr>\n");
        }
        h.Append("</table>\n").Append(Html.Pager("/results", query, page, PageSize, total));
        return Html.Page("Results: " + run.Title, "/results", h.ToString());
    }

    private static string Amp(string query) => query.Length == 0 ? "" : "&" + query;

    private static void Form(StringBuilder h, ViewRun run, ResultFilter filter, IReadOnlyList<string> attackTypes)
    {
        h.Append("<form class=\"filters\" method=\"get\" action=\"/results\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"run\" value=\"{run.Number}\">");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories.Select(c => c.Label);
        Select(h, "category", "Category", categories, filter.Category);
        Select(h, "attack", "Attack type", attackTypes, filter.AttackType);
        Select(h, "verdict", "Verdict", Verdicts, filter.Verdict);
        h.Append("<label>p(harm) from <input type=\"number\" name=\"pmin\" min=\"0\" max=\"1\" step=\"0.01\" value=\"")
            .Append(filter.MinProbability?.ToString(CultureInfo.InvariantCulture)).Append("\"></label>")
            .Append("<label>to <input type=\"number\" name=\"pmax\" min=\"0\" max=\"1\" step=\"0.01\" value=\"")
            .Append(filter.MaxProbability?.ToString(CultureInfo.InvariantCulture)).Append("\"></label>")
            .Append("<label>Search <input type=\"search\" name=\"q\" value=\"").Append(Html.E(filter.Search))
            .Append("\" placeholder=\"words in prompt or answer\"></label><button type=\"submit\">Filter</button>")
            .Append(CultureInfo.InvariantCulture, $"<a href=\"/results?run={run.Number}\">clear</a></form>\n");
    }

    private static void Select(StringBuilder h, string name, string label, IEnumerable<string> values, string? chosen)
    {
        h.Append("<label>").Append(label).Append(" <select name=\"").Append(name).Append("\">")
            .Append("<option value=\"\">any</option>");
        foreach (var value in values)
        {
            h.Append("<option").Append(value == chosen ? " selected" : "").Append(" value=\"").Append(Html.E(value))
                .Append("\">").Append(Html.E(value)).Append("</option>");
        }
        h.Append("</select></label>");
    }
}
