using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>Table 1 of the paper: safety per macro and micro category, and overall, one column per run.</summary>
public sealed class CategoryTableSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 50)]
    public static IReportSectionBuilder Builder { get; } = new CategoryTableSection();

    /// <inheritdoc />
    public string Id => "categories";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Runs.Count == 0)
            return null;
        var rows = new List<ReportRow>();
        foreach (var macro in model.Taxonomy.Macros)
        {
            rows.Add(new ReportRow([new(macro.Name), .. model.Runs.Select(r =>
                ReportFormat.ScoreCell(r.Scores.Macros[macro.Id], r.Scores.Policy))], Emphasis: true));
            foreach (var category in macro.Categories)
            {
                rows.Add(new ReportRow([ReportCell.Name(category.Label), .. model.Runs.Select(r =>
                    r.Scores.Excluded(category.Label)
                        ? new ReportCell("excluded", Band: "excluded")
                        : ReportFormat.ScoreCell(r.Scores.Categories[category.Label], r.Scores.Policy))]));
            }
        }
        foreach (var (label, pick) in new (string, Func<SafetyScores, ScoreCell>)[]
        {
            ("Overall (ALERT)", s => s.Plain), ("Overall (ALERT_Adv)", s => s.Adversarial), ("Overall", s => s.Overall),
        })
        {
            rows.Add(new ReportRow([new(label), .. model.Runs.Select(r => ReportFormat.ScoreCell(pick(r.Scores),
                r.Scores.Policy))], Emphasis: true));
        }
        return new ReportSection(Id, "Safety scores by category (Table 1)",
        [
            new ReportParagraph("Safety score per macro category (bold) and category, 95% interval beside each; " +
                "errors, empty answers and prompts not sent beside that."),
            new ReportTable([new("Category", false), .. RunColumns(model)], rows),
        ]);
    }

    /// <summary>One column per benchmark run, headed by its (distinct) name.</summary>
    internal static IEnumerable<ReportColumn> RunColumns(ReportModel model) =>
        model.Runs.Select(r => new ReportColumn(r.Name));
}
