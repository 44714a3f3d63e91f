using System.Text;
using Alert.Reporting;
using Alert.Scoring;

namespace Alert.View;

/// <summary>
/// The report over the runs being viewed: the same sections <c>alert report</c> writes (one report model), rendered by
/// the report's own HTML writer inside the view's frame. Charts are left out: they are files <c>alert report</c> draws.
/// </summary>
internal static class ReportPage
{
    public static string Render(ViewCatalog catalog)
    {
        var runs = catalog.Runs.Where(r => r.Report is not null).Select(r => r.Report!).ToList();
        var attacks = catalog.Runs.Where(r => r.Attack is not null).Select(r => r.Attack!).ToList();
        var model = ReportModel.Create(runs, attacks, SafetyPolicy.Full);
        var h = new StringBuilder("<p>The report <code>alert report</code> writes for these runs (charts aside).</p>")
            .Append('\n');
        var charts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in ReportSections.Build(model))
            HtmlReportWriter.Section(h, section, charts);
        return Html.Page("Report", "/report", h.ToString());
    }
}
