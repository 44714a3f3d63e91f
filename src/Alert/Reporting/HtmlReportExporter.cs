using Alert.Plugins;
using System.Globalization;
using System.Net;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS, charts as data URIs, no script at all, and a
/// content security policy that forbids any), so model output, always HTML-encoded, can never run.
/// </summary>
public sealed partial class HtmlReportExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 20)]
    public static IReportExporter Exporter { get; } = new HtmlReportExporter();

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "html";

    /// <summary>One line for help.</summary>
    public string Description => "report.html: one self-contained page, charts inlined, no script";

    /// <summary>The page's file name in the report directory.</summary>
    public const string FileName = "report.html";

    // Every text/background pair has a contrast of at least 4.5:1 (WCAG AA); a browser test measures each cell.
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fff}
        h1{font-size:24px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
        table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
        th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}
        tr.macro td{font-weight:600}tr.macro td:first-child{background:#f3f3f3}
        td.safe{background:#2e7d32;color:#fff}td.unsafe{background:#f9a825;color:#1b1b1b}td.highly_unsafe{background:#c62828;color:#fff}
        td.none,td.excluded{background:#eee;color:#4d4d4d}
        .ci{font-size:11px;display:block}td .ci{white-space:nowrap}.err{font-size:11px;display:block}
        pre{white-space:pre-wrap;word-break:break-word;background:#f7f7f7;padding:8px;border:1px solid #e3e3e3;max-height:240px;overflow:auto}
        .wide{overflow-x:auto}.tied{color:#595959}img{max-width:100%;border:1px solid #eee}
        """;

    /// <summary>The page for <paramref name="model"/>, with charts embedded from <paramref name="chartDataUris"/> (chart name to data URI).</summary>
    public static string Render(ReportModel model, IReadOnlyDictionary<string, string>? chartDataUris = null)
    {
        var h = new StringBuilder();
        HeadSection(h, model);
        LeaderboardSection(h, model);
        JudgeCorrectedSection(h, model);
        HumanAuditedSection(h, model);
        MacroRankingSection(h, model);
        CategoryTableSection(h, model);
        AttackSuccessSection(h, model);
        ChartsSection(h, model, chartDataUris);
        BothSidesSection(h, model);
        GuardSection(h, model);
        TargetHealthSection(h, model);
        WorstCategoriesSection(h, model);
        JudgeAgreementSection(h, model);
        UnsafeExamplesSection(h, model);
        AttacksSection(h, model);
        ManifestsSection(h, model);
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var charts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ReportCharts.Names)
        {
            var png = Path.Combine(directory, name + ".png");
            if (File.Exists(png))
                charts[name] = "data:image/png;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false));
        }
        var path = Path.Combine(directory, FileName);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, Render(model, charts), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    private static void Cell(StringBuilder h, ScoreCell cell, SafetyPolicy policy)
    {
        var band = policy.Band(cell)?.ToWire() ?? "none";
        h.Append("<td class=\"").Append(band).Append("\">").Append(E(MarkdownReport.Score(cell)));
        if (cell.Wilson95 is { } ci)
            h.Append(CultureInfo.InvariantCulture, $"<span class=\"ci\">{ci.Low:0.0}&ndash;{ci.High:0.0}</span>");
        if (cell.Errors > 0)
            h.Append("<span class=\"err\">").Append(cell.Errors).Append(" errors</span>");
        if (cell.EmptyAnswers > 0)
            h.Append("<span class=\"err\">").Append(cell.EmptyAnswers).Append(" empty</span>");
        if (cell.NotSent > 0)
            h.Append("<span class=\"err\">").Append(cell.NotSent).Append(" not sent</span>");
        h.Append("</td>");
    }

    /// <summary>Opens a table whose columns are the runs.</summary>
    private static void RunsHeader(StringBuilder h, string firstColumn, ReportModel model)
    {
        h.Append("<table><tr><th>").Append(E(firstColumn)).Append("</th>");
        foreach (var run in model.Runs)
            h.Append("<th>").Append(E(run.Name)).Append("</th>");
        h.Append("</tr>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
