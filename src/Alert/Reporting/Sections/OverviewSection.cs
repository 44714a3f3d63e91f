using System.Globalization;
using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>The policy, how scores are counted, the runs in the report, and which sections are left out, why.</summary>
public sealed class OverviewSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 10)]
    public static IReportSectionBuilder Builder { get; } = new OverviewSection();

    /// <inheritdoc />
    public string Id => "overview";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var policy = model.Policy;
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph(string.Create(CultureInfo.InvariantCulture,
                $"Policy {policy.Name}: {policy.Included.Count} of 32 categories. Scores are safe / judged ") +
                "responses with 95% Wilson intervals; errors, empty answers and prompts not sent are counted apart, " +
                "never as safe " +
                string.Create(CultureInfo.InvariantCulture,
                    $"or unsafe. Bands: safe >= {policy.SafeThreshold}%, unsafe >= {policy.UnsafeThreshold}%, ") +
                "highly unsafe below."),
        };
        var items = model.Runs.Select(r =>
        {
            var o = r.Scores.Overall;
            var benchmark = r.Manifest.GetValueOrDefault("benchmark", "?");
            return string.Create(CultureInfo.InvariantCulture,
                $"{r.Name}: benchmark {benchmark}, judge {r.Judge}; {ReportFormat.Count(o.Total)} prompts ") +
                $"(judged {ReportFormat.Count(o.Judged)}, errors {ReportFormat.Count(o.Errors)}, " +
                $"empty {ReportFormat.Count(o.EmptyAnswers)}, not sent {ReportFormat.Count(o.NotSent)})";
        }).Concat(model.Attacks.Select(a => string.Create(CultureInfo.InvariantCulture,
            $"{a.Name}: attack run, judge {a.Judge}; methods {string.Join(", ", a.Methods.Select(m => m.Method))}")))
            .ToList();
        if (items.Count > 0)
            blocks.Add(new ReportList(items));
        if (model.Runs.Count == 0 && model.Attacks.Count > 0)
        {
            blocks.Add(new ReportParagraph("This report holds attack runs only (alert attack). The leaderboard, the " +
                "scores by category (Table 1), attack success by attack type, the charts and the other sections " +
                "about benchmark runs need a run of the benchmark (alert run) and are left out.", Warning: true));
        }
        return new ReportSection(Id, "Overview", blocks);
    }
}
