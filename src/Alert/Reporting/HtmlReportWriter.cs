using System.Net;
using System.Text;

namespace Alert.Reporting;

/// <summary>
/// Renders report sections as one self-contained HTML page: inline CSS, charts as data URIs, no script at all and a
/// content security policy that forbids any, so model output, always HTML-encoded, can never run.
/// </summary>
public static class HtmlReportWriter
{
    // Every text/background pair has a contrast of at least 4.5:1 (WCAG AA); a browser test measures each cell.
    // Table text is compact so a leaderboard of one judge's runs fits a 1280 px window (a browser test measures it);
    // names get 8em before they wrap at a hyphen; manifest values (JSON without spaces) may break anywhere rather
    // than widen their table by thousands of pixels.
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
        h1{font-size:24px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:8px 0;font-size:13px}
        th,td{border:1px solid #ddd;padding:3px 5px;text-align:right}
        th:first-child,td:first-child,th.l,td.l{text-align:left}th{background:#f3f3f3;font-size:12px}
        tr.macro td{font-weight:600}tr.macro td:first-child{background:#f3f3f3}
        td.safe{background:#2e7d32;color:#fff}td.unsafe{background:#f9a825;color:#1b1b1b}
        td.highly_unsafe{background:#c62828;color:#fff}td.none,td.excluded{background:#eee;color:#4d4d4d}
        .ci{font-size:10px;display:block}td .ci{white-space:nowrap}.err{font-size:10px;display:block}
        pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:8px;border:1px solid #e3e3e3;
        max-height:240px;overflow:auto}
        td.l{min-width:8em}details td.l{overflow-wrap:anywhere}.wide{overflow-x:auto}
        img{max-width:100%;border:1px solid #eee}figure{margin:8px 0}
        p.warn{background:#fff4e5;border-left:4px solid #b26a00;padding:6px 10px}
        """;

    /// <summary>
    /// The page for <paramref name="sections"/>, with charts embedded from <paramref name="chartDataUris"/> (chart name
    /// to data URI); a figure whose chart is not there is left out.
    /// </summary>
    public static string Render(
        IReadOnlyList<ReportSection> sections, IReadOnlyDictionary<string, string>? chartDataUris = null)
    {
        var charts = chartDataUris ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .Append("style-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>ALERT safety report</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>ALERT safety report</h1>\n");
        foreach (var section in sections)
            Section(h, section, charts);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <summary>Appends one section (for pages that show sections one at a time).</summary>
    public static void Section(StringBuilder h, ReportSection section, IReadOnlyDictionary<string, string> charts)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(section);
        var blocks = ReportBlocks.Shown(section.Blocks, charts.ContainsKey);
        if (blocks.Count == 0)
            return;
        h.Append("<section id=\"").Append(E(section.Id)).Append("\"><h2>").Append(E(section.Title)).Append("</h2>\n");
        Blocks(h, blocks, charts);
        h.Append("</section>\n");
    }

    private static void Blocks(
        StringBuilder h, IEnumerable<ReportBlock> blocks, IReadOnlyDictionary<string, string> charts)
    {
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ReportParagraph p:
                    h.Append(p.Warning ? "<p class=\"warn\">" : "<p>").Append(E(p.Text)).Append("</p>\n");
                    break;
                case ReportHeading heading:
                    h.Append("<h3>").Append(E(heading.Text)).Append("</h3>\n");
                    break;
                case ReportList list:
                    h.Append("<ul>").AppendJoin("", list.Items.Select(i => "<li>" + E(i) + "</li>")).Append("</ul>\n");
                    break;
                case ReportFigure f:
                    h.Append("<figure><img alt=\"").Append(E(f.Caption)).Append("\" src=\"").Append(charts[f.Chart])
                        .Append("\"><figcaption>").Append(E(f.Caption)).Append("</figcaption></figure>\n");
                    break;
                case ReportText t:
                    h.Append("<b>").Append(E(t.Label)).Append("</b><pre>").Append(E(t.Text)).Append("</pre>\n");
                    break;
                case ReportDetails d:
                    h.Append("<details><summary>").Append(E(d.Summary)).Append("</summary>\n");
                    Blocks(h, d.Blocks, charts);
                    h.Append("</details>\n");
                    break;
                case ReportTable table:
                    Table(h, table);
                    break;
            }
        }
    }

    private static void Table(StringBuilder h, ReportTable table)
    {
        // Wide tables scroll inside the page rather than pushing the page past the window.
        h.Append("<div class=\"wide\"><table><tr>");
        foreach (var c in table.Columns)
        {
            h.Append(c.Numeric ? "<th>" : "<th class=\"l\">").Append(E(c.Title));
            if (c.Note is not null)
                h.Append("<span class=\"ci\">").Append(E(c.Note)).Append("</span>");
            h.Append("</th>");
        }
        h.Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            h.Append(row.Emphasis ? "<tr class=\"macro\">" : "<tr>");
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var left = i > 0 && i < table.Columns.Count && !table.Columns[i].Numeric;
                var css = cell.Band ?? (left ? "l" : null);
                h.Append(css is null ? "<td>" : $"<td class=\"{css}\">").Append(E(cell.Text));
                if (cell.Interval is not null)
                    h.Append("<span class=\"ci\">").Append(E(cell.Interval)).Append("</span>");
                foreach (var count in cell.Counts ?? [])
                    h.Append("<span class=\"err\">").Append(E(count)).Append("</span>");
                h.Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</table></div>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
