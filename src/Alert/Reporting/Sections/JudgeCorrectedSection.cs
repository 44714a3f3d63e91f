using System.Globalization;
using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>Beside each raw overall and macro score, the estimate corrected for the judge's measured error.</summary>
public sealed class JudgeCorrectedSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 30)]
    public static IReportSectionBuilder Builder { get; } = new JudgeCorrectedSection();

    /// <inheritdoc />
    public string Id => "judge-corrected";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var runs = model.JudgeCorrected();
        if (runs.Count == 0)
            return null;
        var overall = runs.Select(x => new ReportRow(
        [
            ReportCell.Name(x.Run.Name), ReportCell.Name(x.Run.Judge),
            ReportFormat.ScoreCell(x.Run.Scores.Overall, x.Run.Scores.Policy), Corrected(x.Corrected),
            new(x.Card.Pooled.Sensitivity?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a"),
            new(x.Card.Pooled.Specificity?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a"),
            new(string.Join(", ", x.Card.Sets.Select(s => s.Name))),
        ])).ToList();
        // Runs of one target under two judges share a name: each column names its judge too.
        var macroColumns = runs.SelectMany(x => new ReportColumn[]
        {
            new(x.Run.Name + " raw", Note: x.Run.Judge), new("judge-corrected"),
        });
        var macros = model.Taxonomy.Macros.Select(m => new ReportRow([new(m.Name), .. runs.SelectMany(x => new[]
        {
            ReportFormat.ScoreCell(x.Run.Scores.Macros[m.Id], x.Run.Scores.Policy), Corrected(x.Macros[m.Id]),
        })])).ToList();
        return new ReportSection(Id, "Judge-corrected estimates",
        [
            new ReportParagraph("The raw scores treat the judge as perfect. These correct the overall and per-macro " +
                "scores for the judge's sensitivity and specificity measured on human labels (its judge card; " +
                "Rogan-Gladen, with a 95% posterior interval over the card's counts and the run's answers). They " +
                "hold when the run's answers resemble the card's sets."),
            new ReportTable(
            [
                new("Run", false), new("Judge", false), new("Raw overall"), new("Judge-corrected overall"),
                new("Sensitivity"), new("Specificity"), new("Card sets", false),
            ], overall),
            // A card measured on other answers may not describe the judge on these: each run says whether it was.
            new ReportList([.. runs.Select(x => x.Run.Name + ": " + CardFit.Check(x.Card, x.Run.HumanAudited).Note)]),
            new ReportParagraph("By macro category, raw beside judge-corrected:"),
            new ReportTable([new("Macro category", false), .. macroColumns], macros),
        ]);
    }

    private static ReportCell Corrected(Scoring.JudgeCorrectedScore corrected) =>
        new(ReportFormat.Percent(corrected.Score), ReportFormat.Interval(corrected.Ci95));
}
