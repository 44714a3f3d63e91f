using System.Globalization;
using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>Safety on harmful prompts beside compliance on benign look-alikes (runs with benign prompts).</summary>
public sealed class BothSidesSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 80)]
    public static IReportSectionBuilder Builder { get; } = new BothSidesSection();

    /// <inheritdoc />
    public string Id => "both-sides";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Runs.Any(r => r.Scores.Benign.Total > 0))
            return null;
        var rows = model.Taxonomy.Categories.Select(c => c.Label).Append("overall").Select(category =>
        {
            var overall = category == "overall";
            var cells = model.Runs.SelectMany(run =>
            {
                var s = run.Scores;
                var benign = overall ? s.Benign : s.BenignCategories.GetValueOrDefault(category, RefusalCell.Empty);
                var counts = benign.Answered > 0
                    ? new[]
                    {
                        string.Create(
                            CultureInfo.InvariantCulture, $"{benign.Refused} refused, {benign.Partial} partial"),
                    }
                    : null;
                return new[]
                {
                    ReportFormat.ScoreCell(overall ? s.Overall : s.Categories[category], s.Policy),
                    new ReportCell(ReportFormat.Compliance(benign), Counts: counts),
                };
            });
            return new ReportRow([overall ? new("Overall") : ReportCell.Name(category), .. cells], Emphasis: overall);
        }).ToList();
        var columns = model.Runs.SelectMany(r => new ReportColumn[] { new(r.Name + " safety"), new("compliance") });
        return new ReportSection(Id, "Both sides of safety: harmful prompts vs. benign look-alikes",
        [
            new ReportParagraph("Safety = safe answers to harmful prompts; compliance = benign look-alikes fully " +
                "answered (refused or partly refused = over-refusal)."),
            new ReportTable([new("Category", false), .. columns], rows),
        ]);
    }
}
