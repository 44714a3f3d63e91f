using Alert.Plugins;

namespace Alert.Reporting;

/// <summary>
/// <c>report.md</c>: the report's sections as Markdown (<see cref="MarkdownReportWriter"/>), the same file for a
/// comparison and, written by every run, for one run.
/// </summary>
public sealed class MarkdownReportExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 30)]
    public static IReportExporter Exporter { get; } = new MarkdownReportExporter();

    /// <summary>The file's name, in a report directory and in a run directory.</summary>
    public const string FileName = "report.md";

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "markdown";

    /// <summary>One line for help.</summary>
    public string Description => "report.md: the same sections as report.html, charts linked";

    /// <summary>
    /// The report's text for <paramref name="model"/>, linking the charts named in <paramref name="drawnCharts"/>.
    /// </summary>
    public static string Render(ReportModel model, IReadOnlySet<string>? drawnCharts = null) =>
        MarkdownReportWriter.Render(ReportSections.Build(model), drawnCharts);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(
        ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var drawn = ReportCharts.Names.Where(n => File.Exists(Path.Combine(directory, n + ".png")))
            .ToHashSet(StringComparer.Ordinal);
        var path = Path.Combine(directory, FileName);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, Render(model, drawn), cancellationToken)
            .ConfigureAwait(false);
        return [path];
    }
}
