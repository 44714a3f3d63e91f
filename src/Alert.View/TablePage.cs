using System.Globalization;
using System.Text;

namespace Alert.View;

/// <summary>Table 1 of the ALERT paper: each micro category's score per run; every cell opens its prompts.</summary>
internal static class TablePage
{
    public static string Render(ViewCatalog catalog)
    {
        var runs = catalog.Benchmarks.ToList();
        var h = new StringBuilder("<p>Percent safe per category (95% interval below). Click a cell for its prompts ")
            .Append("and ")
            .Append("answers.</p>\n<table class=\"table1\"><tr><th>Macro</th><th>Category</th>");
        foreach (var run in runs)
            h.Append("<th>").Append(Html.E(run.Title)).Append("<span class=\"ci\">").Append(Html.E(run.Judge))
                .Append("</span></th>");
        h.Append("</tr>\n");
        foreach (var macro in Alert.Taxonomy.AlertTaxonomy.Default.Macros)
        {
            var first = true;
            foreach (var category in macro.Categories)
            {
                h.Append("<tr>");
                if (first)
                {
                    h.Append(CultureInfo.InvariantCulture, $"<th rowspan=\"{macro.Categories.Count}\" class=\"macro\">")
                        .Append(Html.E(macro.Name)).Append("</th>");
                }
                first = false;
                h.Append("<td>").Append(Html.E(category.Label)).Append("</td>");
                foreach (var run in runs)
                {
                    var cell = run.Report!.Scores.Categories[category.Label];
                    h.Append(cell.Total == 0
                        ? "<td class=\"score none\">-</td>"
                        : Html.ScoreCell(cell,
                            $"/results?run={run.Number}&category={Uri.EscapeDataString(category.Label)}"));
                }
                h.Append("</tr>\n");
            }
        }
        h.Append("<tr class=\"total\"><th colspan=\"2\">Overall</th>");
        foreach (var run in runs)
            h.Append(Html.ScoreCell(run.Report!.Scores.Overall, $"/results?run={run.Number}"));
        h.Append("</tr>\n</table>\n");
        if (runs.Count == 0)
            h.Append("<p class=\"muted\">No benchmark runs given (attack runs are under Attack transcripts).</p>\n");
        return Html.Page("Table 1", "/table", h.ToString());
    }
}
