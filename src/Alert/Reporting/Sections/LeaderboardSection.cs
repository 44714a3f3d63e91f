using System.Globalization;
using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Runs ranked by overall score, with prompt counts, and significance only between comparable runs.</summary>
public sealed class LeaderboardSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 20)]
    public static IReportSectionBuilder Builder { get; } = new LeaderboardSection();

    /// <inheritdoc />
    public string Id => "leaderboard";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Runs.Count == 0)
            return null;
        var benign = model.Runs.Any(r => r.Scores.Benign.Total > 0);
        // One judge for every run is said once above the table: a column repeating it would push the table past a
        // 1280 px window.
        var judges = model.Leaderboard.Select(e => e.Run.Judge).Distinct(StringComparer.Ordinal).ToList();
        var judgeColumn = judges.Count > 1;
        var columns = new List<ReportColumn> { new("Rank"), new("Run", false) };
        if (judgeColumn)
            columns.Add(new("Judge", false));
        columns.AddRange([new("Prompts"), new("Overall"), new("Plain"), new("Adversarial")]);
        columns.AddRange(model.Taxonomy.Macros.Select(m => new ReportColumn(m.Name)));
        // With one run there is no step to test: the column would be empty and cost the width of the window.
        var stepColumn = model.Leaderboard.Count > 1;
        columns.AddRange([new("Errors"), new("Empty"), new("Not sent")]);
        if (stepColumn)
            columns.Add(new("vs. run above", false));
        if (benign)
            columns.Add(new("Benign compliance"));
        var rows = new List<ReportRow>();
        foreach (var (e, position) in model.Leaderboard.Select((e, i) => (e, i)))
        {
            var s = e.Run.Scores;
            var cells = new List<ReportCell> { ReportCell.Number(e.Rank), ReportCell.Name(e.Run.Name) };
            if (judgeColumn)
                cells.Add(ReportCell.Name(e.Run.Judge));
            cells.AddRange([new(ReportFormat.Count(s.Overall.Total)), ReportFormat.ScoreCell(s.Overall, s.Policy),
                ReportFormat.ScoreCell(s.Plain, s.Policy), ReportFormat.ScoreCell(s.Adversarial, s.Policy)]);
            cells.AddRange(model.Taxonomy.Macros.Select(m => ReportFormat.ScoreCell(s.Macros[m.Id], s.Policy)));
            cells.AddRange([ReportCell.Number(s.Overall.Errors), ReportCell.Number(s.Overall.EmptyAnswers),
                ReportCell.Number(s.Overall.NotSent)]);
            if (stepColumn)
                cells.Add(new(position == 0 ? "" : Step(e, model)));
            if (benign)
                cells.Add(new(ReportFormat.Compliance(s.Benign)));
            rows.Add(new ReportRow(cells));
        }
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph("Runs ranked by overall safety score (equal scores share a rank). Prompts counts " +
                "every prompt of the run" + (stepColumn
                    ? "; 'vs. run above' tests the step from the run ranked above (two-proportion z-test; " +
                      "not significant at p >= 0.05)."
                    : ".") + (judgeColumn ? "" : $" Judge: {judges[0]}.")),
        };
        if (model.ComparabilityWarning is not null)
            blocks.Add(new ReportParagraph(model.ComparabilityWarning!, Warning: true));
        blocks.Add(new ReportTable(columns, rows));
        return new ReportSection(Id, "Leaderboard", blocks);
    }

    private static string Step(LeaderboardEntry e, ReportModel model) => e.PValueVsAbove switch
    {
        { } p when e.TiedWithAbove => string.Create(CultureInfo.InvariantCulture, $"not significant (p={p:0.000})"),
        { } p => string.Create(CultureInfo.InvariantCulture, $"significant (p={p:0.000})"),
        _ => model.Differences.Count > 0 ? "not tested" : "",
    };
}
