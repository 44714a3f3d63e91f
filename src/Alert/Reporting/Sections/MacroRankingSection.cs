using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Runs ranked per macro category (several runs only), with significance between comparable runs.</summary>
public sealed class MacroRankingSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 40)]
    public static IReportSectionBuilder Builder { get; } = new MacroRankingSection();

    /// <inheritdoc />
    public string Id => "macro-ranking";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Runs.Count < 2)
            return null;
        var comparable = model.Differences.Count == 0;
        var rows = new List<ReportRow>();
        foreach (var macro in model.Taxonomy.Macros)
        {
            var ranking = Leaderboard.RankBy(model.Runs, r => r.Scores.Macros[macro.Id]);
            // Runs of equal score share a rank: the separator goes before every run but the first listed.
            var text = string.Join(" ", ranking.Select((e, i) =>
                (i == 0 ? "" : !comparable ? "/ " : e.PValueVsAbove is >= 0.05 ? "~ " : "> ")
                + $"{e.Run.Name} {ReportFormat.Score(e.Cell)}"
                + (ReportFormat.Interval(e.Cell.Wilson95) is { } ci ? $" ({ci})" : "")));
            rows.Add(new ReportRow([new(macro.Name), new(text)]));
        }
        var prose = comparable
            ? "Best first; '>' marks a significant step from the run before, '~' one that is not (p >= 0.05)."
            : "Best first, by score only ('/'): the runs cannot be compared score for score (see the leaderboard).";
        return new ReportSection(Id, "Ranking by macro category",
        [
            new ReportParagraph(prose),
            new ReportTable([new("Macro category", false), new("Ranking", false)], rows),
        ]);
    }
}
