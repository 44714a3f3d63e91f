using System.Globalization;
using Alert.Plugins;
using Alert.Scoring;

namespace Alert.Reporting.Sections;

/// <summary>
/// Beside each raw overall and macro score, the estimate from the run's own audit labels (runs with labels only).
/// </summary>
public sealed class HumanAuditedSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 35)]
    public static IReportSectionBuilder Builder { get; } = new HumanAuditedSection();

    /// <inheritdoc />
    public string Id => "human-audited";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var runs = model.Runs.Where(r => r.HumanAudited is not null).ToList();
        if (runs.Count == 0)
            return null;
        var overall = runs.Select(r => new ReportRow(
        [
            ReportCell.Name(r.Name), ReportCell.Name(r.Judge),
            ReportFormat.ScoreCell(r.Scores.Overall, r.Scores.Policy), Audited(r.HumanAudited!.Overall),
            ReportCell.Number(r.HumanAudited.Labelled),
            new(HumanAuditedText.Share(r.HumanAudited.Sensitivity, r.HumanAudited.SensitivityCi95)),
            new(HumanAuditedText.Share(r.HumanAudited.Specificity, r.HumanAudited.SpecificityCi95)),
        ])).ToList();
        var macroColumns = runs.SelectMany(r => new ReportColumn[]
        {
            new(r.Name + " raw", Note: r.Judge), new("human-audited"),
        });
        var macros = model.Taxonomy.Macros.Select(m => new ReportRow([new(m.Name), .. runs.SelectMany(r => new[]
        {
            ReportFormat.ScoreCell(r.Scores.Macros[m.Id], r.Scores.Policy),
            r.HumanAudited!.Macros.TryGetValue(m.Id, out var cell) ? Audited(cell) : new ReportCell(""),
        })])).ToList();
        var notes = runs.SelectMany(r => r.HumanAudited!.Agreement
                .Select(p => r.Name + ": " + HumanAuditedText.Agreement(p))
                .Concat(r.HumanAudited.StaleLabels > 0
                    ? [r.Name + ": " + r.HumanAudited.StaleLabels.ToString(CultureInfo.InvariantCulture)
                        + " labels were given on answers that changed since; not counted"]
                    : []))
            .ToList();
        var blocks = new List<ReportBlock>
        {
            new ReportParagraph(HumanAuditedText.Explanation),
            new ReportTable(
            [
                new("Run", false), new("Judge", false), new("Raw overall"), new("Human-audited overall"),
                new("Labelled"), new("Sensitivity (95% CI)", false), new("Specificity (95% CI)", false),
            ], overall),
            new ReportParagraph("By macro category, raw beside human-audited:"),
            new ReportTable([new("Macro category", false), .. macroColumns], macros),
        };
        if (notes.Count > 0)
            blocks.Add(new ReportList(notes));
        return new ReportSection(Id, "Human-audited estimates", blocks);
    }

    private static ReportCell Audited(HumanAuditedCell cell) =>
        cell.Ci95 is null
            ? new ReportCell(HumanAuditedText.Score(cell), Counts: cell.Reason is { } why ? [why] : null)
            : new ReportCell(HumanAuditedText.Score(cell), HumanAuditedText.Interval(cell));
}
