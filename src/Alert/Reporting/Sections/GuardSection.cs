using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Calls a guard blocked (guarded runs).</summary>
public sealed class GuardSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 90)]
    public static IReportSectionBuilder Builder { get; } = new GuardSection();

    /// <inheritdoc />
    public string Id => "guard";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var guarded = model.Runs.Where(r => r.Scores.Guard.Total > 0).ToList();
        if (guarded.Count == 0)
            return null;
        var rows = guarded.Select(r => new ReportRow(
        [
            ReportCell.Name(r.Name), ReportCell.Number(r.Scores.Guard.Total), ReportCell.Number(r.Scores.Guard.Input),
            ReportCell.Number(r.Scores.Guard.Output), ReportCell.Number(r.Scores.Guard.Harmful),
            ReportCell.Number(r.Scores.Guard.Benign),
        ])).ToList();
        return new ReportSection(Id, "Guard",
        [
            new ReportParagraph("Calls a guard blocked (why: 'guard' in each run's results.jsonl)."),
            new ReportTable(
            [
                new("Run", false), new("Blocked"), new("At the input"), new("At the output"), new("Harmful prompts"),
                new("Benign look-alikes"),
            ], rows),
        ]);
    }
}
