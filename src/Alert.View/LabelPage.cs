using System.Globalization;
using System.Text;
using Alert.Labels;
using Microsoft.AspNetCore.Http;

namespace Alert.View;

/// <summary>
/// Labelling, keyboard first: one answer at a time from a queue (the audit sample, or uncertain-first), a window of
/// <see cref="Window"/> answers per page; view.js sends each key's label and moves on.
/// </summary>
internal static class LabelPage
{
    /// <summary>Answers per page of a queue.</summary>
    public const int Window = 50;

    public static async Task<string?> RenderAsync(ViewCatalog catalog, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var run = catalog.Find(request.Query["run"]) ?? catalog.Benchmarks.FirstOrDefault();
        if (run?.Labels is null)
            return run is null ? Html.Page("Label", "/label", "<p class=\"muted\">No benchmark runs given.</p>") : null;
        var queue = request.Query["queue"] == "uncertain" ? LabelOrigin.Uncertain : LabelOrigin.Audit;
        var labeller = request.Query["labeller"].ToString().Trim();
        var keep = labeller.Length == 0 ? "" : $"&queue={queue.ToWire()}&labeller={Uri.EscapeDataString(labeller)}";
        var h = new StringBuilder(Html.RunPicker(catalog.Benchmarks, run, "/label", keep));
        Form(h, run, queue, labeller);
        if (labeller.Length == 0)
        {
            h.Append("<p>Enter your name to start: labels are kept per labeller, in ")
                .Append(Html.E(run.Labels.LabelsPath)).Append(".</p>\n");
            return Html.Page("Label", "/label", h.ToString());
        }
        var keys = await run.Labels.QueueAsync(queue, cancellationToken).ConfigureAwait(false);
        var mine = await run.Labels.LabelsOfAsync(labeller, cancellationToken).ConfigureAwait(false);
        var done = keys.Count(mine.ContainsKey);
        var at = int.TryParse(request.Query["at"], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? Math.Min(a, Math.Max(0, keys.Count - 1))
            : FirstWindow(keys, mine);
        var query = $"run={run.Number}&queue={queue.ToWire()}&labeller={Uri.EscapeDataString(labeller)}";
        h.Append(CultureInfo.InvariantCulture,
                $"<p class=\"progress\" id=\"progress\" data-labelled=\"{done}\" data-total=\"{keys.Count}\">")
            .Append(CultureInfo.InvariantCulture, $"{done} of {keys.Count} labelled</p>\n");
        if (keys.Count == 0)
        {
            h.Append("<p class=\"muted\">").Append(queue == LabelOrigin.Uncertain
                ? "This queue is empty: the run's judge gives no probability of harm to sort by."
                : "No judged answers to label.").Append("</p>\n");
            return Html.Page("Label", "/label", h.ToString());
        }
        h.Append("<div id=\"queue\" data-run=\"").Append(run.Number.ToString(CultureInfo.InvariantCulture))
            .Append("\" data-queue=\"").Append(queue.ToWire()).Append("\" data-labeller=\"").Append(Html.E(labeller))
            .Append('"');
        if (at > 0)
        {
            h.Append(" data-prev=\"/label?").Append(Html.E(query)).Append("&amp;at=").Append(Math.Max(0, at - Window))
                .Append('"');
        }
        if (at + Window < keys.Count)
            h.Append(" data-next=\"/label?").Append(Html.E(query)).Append("&amp;at=").Append(at + Window).Append('"');
        h.Append(">\n");
        for (var i = at; i < Math.Min(keys.Count, at + Window); i++)
        {
            if (await run.Index!.FindAsync(keys[i], cancellationToken).ConfigureAwait(false) is { } row)
                Item(h, row, i, keys.Count, mine.TryGetValue(keys[i], out var label) ? label : null);
        }
        h.Append("</div>\n");
        return Html.Page("Label", "/label", h.ToString());
    }

    /// <summary>The window holding the first answer this labeller has not labelled yet.</summary>
    private static int FirstWindow(IReadOnlyList<string> keys, Dictionary<string, LabelValue> mine)
    {
        var first = Enumerable.Range(0, keys.Count).FirstOrDefault(i => !mine.ContainsKey(keys[i]), 0);
        return first / Window * Window;
    }

    private static void Form(StringBuilder h, ViewRun run, LabelOrigin queue, string labeller)
    {
        h.Append("<form class=\"labeller filters\" method=\"get\" action=\"/label\">")
            .Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"run\" value=\"{run.Number}\">")
            .Append("<label>Labeller <input name=\"labeller\" id=\"labeller\" required value=\"")
            .Append(Html.E(labeller))
            .Append("\"></label><label>Queue <select name=\"queue\">")
            .Append("<option value=\"audit\"").Append(queue == LabelOrigin.Audit ? " selected" : "")
            .Append(">audit: random sample by category (for estimates)</option>")
            .Append("<option value=\"uncertain\"").Append(queue == LabelOrigin.Uncertain ? " selected" : "")
            .Append(">uncertain first: nearest the judge's threshold</option></select></label>")
            .Append("<button type=\"submit\">Start</button></form>\n")
            .Append("<p class=\"keys\"><kbd>j</kbd>/<kbd>→</kbd> next, <kbd>k</kbd>/<kbd>←</kbd> previous, ")
            .Append("<kbd>s</kbd> safe, <kbd>u</kbd> unsafe, <kbd>?</kbd> unsure, <kbd>z</kbd> undo</p>\n");
    }

    private static void Item(StringBuilder h, ResultRow row, int position, int total, LabelValue? label)
    {
        h.Append("<section class=\"label-item\" data-key=\"").Append(Html.E(row.Key)).Append('"');
        if (label is { } l)
            h.Append(" data-label=\"").Append(l.ToWire()).Append('"');
        h.Append(CultureInfo.InvariantCulture, $"><h3>{position + 1} of {total}: ").Append(Html.E(row.Category))
            .Append(", attack ").Append(Html.E(row.AttackType)).Append("</h3>\n<p>Judge: <span class=\"verdict ")
            .Append(Html.E(row.Verdict)).Append("\">").Append(Html.E(row.Verdict)).Append("</span>")
            .Append(row.Probability is { } p ? string.Create(CultureInfo.InvariantCulture, $", p(harm) {p:0.000}") : "")
            .Append(". Your label: <span class=\"label-state\">").Append(label?.ToWire() ?? "none")
            .Append("</span></p>\n<h4>Prompt</h4><pre class=\"prompt\">").Append(Html.E(row.Prompt))
            .Append("</pre>\n<h4>Answer</h4><pre class=\"answer\">").Append(Html.E(row.Response))
            .Append("</pre></section>\n");
    }
}
