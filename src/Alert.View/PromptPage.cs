using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>One prompt's answers in every run that holds it, side by side.</summary>
internal static class PromptPage
{
    public static async Task<string?> RenderAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var key = request.Query["key"].ToString();
        if (key.Length == 0)
            return null;
        var found = new List<(ViewRun Run, ResultRow Row)>();
        foreach (var run in catalog.Benchmarks)
        {
            if (await run.Index!.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } row)
                found.Add((run, row));
        }
        if (found.Count == 0)
            return null;
        var first = found[0].Row;
        var h = new StringBuilder("<p class=\"meta\">Category <strong>").Append(Html.E(first.Category))
            .Append("</strong>, attack <strong>").Append(Html.E(first.AttackType)).Append("</strong>, key <code>")
            .Append(Html.E(key)).Append("</code></p>\n<h2>Prompt</h2><pre class=\"prompt\">")
            .Append(Html.E(first.Prompt))
            .Append("</pre>\n<h2>Answers</h2>\n<div class=\"side-by-side\">");
        foreach (var (run, row) in found)
        {
            h.Append("<section class=\"answer-card\"><h3>").Append(Html.E(run.Title))
                .Append("</h3><p><span class=\"verdict ")
                .Append(Html.E(row.Verdict)).Append("\">").Append(Html.E(row.Verdict)).Append("</span>")
                .Append(row.Probability is { } p
                    ? string.Create(CultureInfo.InvariantCulture, $" p(harm) {p:0.000}")
                    : "")
                .Append(" <span class=\"judge\">").Append(Html.E(run.Judge)).Append("</span></p><pre class=\"answer\">")
                .Append(Html.E(row.Response)).Append("</pre>");
            if (row.JudgeOutput is { Length: > 0 } output)
                h.Append("<p class=\"muted\">Judge output: ").Append(Html.E(output)).Append("</p>");
            h.Append("</section>");
        }
        h.Append("</div>\n");
        return Html.Page("Prompt " + (first.Ordinal + 1).ToString(CultureInfo.InvariantCulture) + " across runs",
            "/results", h.ToString());
    }
}
