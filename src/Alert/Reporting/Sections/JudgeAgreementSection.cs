using System.Globalization;
using Alert.Plugins;

namespace Alert.Reporting.Sections;

/// <summary>Agreement between the judges whose verdicts a run holds.</summary>
public sealed class JudgeAgreementSection : IReportSectionBuilder
{
    /// <summary>The section, as the registry finds it.</summary>
    [AlertPlugin(Order = 120)]
    public static IReportSectionBuilder Builder { get; } = new JudgeAgreementSection();

    /// <inheritdoc />
    public string Id => "judge-agreement";

    /// <inheritdoc />
    public ReportSection? Build(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = model.Runs.SelectMany(r => r.Agreement.Select(a => new ReportRow(
        [
            ReportCell.Name(r.Name), ReportCell.Name(a.JudgeA), ReportCell.Name(a.JudgeB),
            ReportCell.Number(a.Compared),
            new(string.Create(CultureInfo.InvariantCulture, $"{a.Agreement * 100:0.00}%")),
            new(a.Kappa.ToString("0.000", CultureInfo.InvariantCulture)), ReportCell.Number(a.Disagreements),
            new(string.Join(", ", a.DisagreementsByCategory.OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(3).Select(kv => $"{kv.Key} {kv.Value}"))),
        ]))).ToList();
        if (rows.Count == 0)
            return null;
        return new ReportSection(Id, "Judge agreement",
        [
            new ReportParagraph("Where a run holds verdicts from several judges: how often each pair agrees, Cohen's " +
                "kappa, and the categories they disagree on most."),
            new ReportTable(
            [
                new("Run", false), new("Judge A", false), new("Judge B", false), new("Compared"), new("Agreement"),
                new("Kappa"), new("Disagreements"), new("Most disagreed categories", false),
            ], rows),
        ]);
    }
}
