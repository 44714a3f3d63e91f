using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Attack success rate per attack type of the benchmark, one column per run.</summary>
public sealed class AttackSuccessSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 60)]
    public static IReportSectionBuilder Builder { get; } = new AttackSuccessSection();

    /// <inheritdoc />
    public string Id => "attack-types";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Runs.Count == 0)
            return null;
        var rows = model.AttackTypes.Select(attack => new ReportRow([ReportCell.Name(attack), .. model.Runs.Select(r =>
            r.Scores.AttackTypes.TryGetValue(attack, out var cell)
                ? ReportFormat.AttackSuccessCell(cell)
                : new ReportCell("n/a"))])).ToList();
        return new ReportSection(Id, "Attack success rate by attack type",
        [
            new ReportParagraph("Share of judged responses that were unsafe, per attack type (100 - safety score), " +
                "with its 95% interval; errors, empty answers and prompts not sent are counted beside it."),
            new ReportTable([new("Attack type", false), .. CategoryTableSection.RunColumns(model)], rows),
        ]);
    }
}
