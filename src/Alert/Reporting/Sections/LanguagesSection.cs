using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>
/// Runs with more than one language (M-ALERT): safety per category and language, the language heatmap, and
/// cross-language consistency. Left out when no run has several languages.
/// </summary>
public sealed class LanguagesSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 55)]
    public static IReportSectionBuilder Builder { get; } = new LanguagesSection();

    /// <inheritdoc />
    public string Id => "languages";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sections = LanguageSection.Build(model);
        if (sections.Count == 0)
            return null;
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph("Safety score per category and language, 95% interval beside each; consistency is "
                + "the share of prompts judged alike in every language they were judged in (only prompts judged in "
                + "two or more languages count)."),
            new ReportFigure("languages", "Safety score by language and category, coloured by band"),
        };
        foreach (var section in sections)
        {
            var policy = section.Run.Scores.Policy;
            blocks.Add(new ReportHeading(section.Run.Name));
            var rows = section.Rows.Select(row => new ReportRow(
                [
                    row.Overall ? new ReportCell(row.Name) : ReportCell.Name(row.Name),
                    .. row.Cells.Select(c => ReportFormat.ScoreCell(c, policy)),
                ],
                Emphasis: row.Overall)).ToList();
            blocks.Add(new ReportTable(
                [new("Category", false), .. section.Languages.Select(l => new ReportColumn(l))], rows));
            var consistency = new List<ReportRow>
            {
                Consistency(new ReportCell("Overall"), section.Consistency.Overall) with { Emphasis = true },
            };
            consistency.AddRange(section.Consistency.Categories
                .Select(kv => Consistency(ReportCell.Name(kv.Key), kv.Value)));
            blocks.Add(new ReportTable(
                [new("Category", false), new("Consistency"), new("Consistent"), new("Compared")], consistency));
        }
        return new ReportSection(Id, "Languages", blocks);
    }

    private static ReportRow Consistency(ReportCell name, ConsistencyCell cell) =>
        new([name, new ReportCell(ReportFormat.Share(cell)), ReportCell.Number(cell.Consistent),
            ReportCell.Number(cell.Compared)]);
}
