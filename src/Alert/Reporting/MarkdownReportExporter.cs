using Alert.Plugins;
using System.Globalization;
using System.Text;
using Alert.Scoring;

namespace Alert.Reporting;

/// <summary><c>report.md</c> for one or more runs: leaderboard, Table-1 heatmap as a table, attacks, worst categories.</summary>
public sealed partial class MarkdownReportExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 30)]
    public static IReportExporter Exporter { get; } = new MarkdownReportExporter();

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "markdown";

    /// <summary>One line for help.</summary>
    public string Description => "report.md: leaderboard, Table 1, attacks, worst categories";

    /// <summary>The report's text for <paramref name="model"/>.</summary>
    public static string Render(ReportModel model)
    {
        var md = new StringBuilder();
        HeadSection(md, model);
        LeaderboardSection(md, model);
        JudgeCorrectedSection(md, model);
        HumanAuditedSection(md, model);
        MacroRankingSection(md, model);
        CategoryTableSection(md, model);
        AttackSuccessSection(md, model);
        BothSidesSection(md, model);
        GuardSection(md, model);
        WorstCategoriesSection(md, model);
        JudgeAgreementSection(md, model);
        AttacksSection(md, model);
        return md.ToString();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, MarkdownReport.FileName);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, Render(model), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    private static string Score(ScoreCell cell) => MarkdownReport.Score(cell);

    /// <summary>The compliance rate on benign prompts as printed.</summary>
    public static string Compliance(RefusalCell cell) =>
        cell.Compliance is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c:0.00}%") : "n/a";

    private static string Ci(ScoreCell cell) => cell.Wilson95 is { } ci ? string.Create(CultureInfo.InvariantCulture, $"{ci.Low:0.00}-{ci.High:0.00}") : "";

    private static string Cell(ScoreCell cell, SafetyPolicy policy) =>
        (cell.Score is null ? "n/a" : $"{Score(cell)} ({Ci(cell)})")
            + (cell.Errors > 0 ? $" err {cell.Errors}" : "") + (cell.EmptyAnswers > 0 ? $" empty {cell.EmptyAnswers}" : "")
            + (cell.NotSent > 0 ? $" not sent {cell.NotSent}" : "");

    /// <summary>Inline code that survives any text (backticks and pipes in run names).</summary>
    private static string Code(string text) => "`" + text.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal) + "`";
}
