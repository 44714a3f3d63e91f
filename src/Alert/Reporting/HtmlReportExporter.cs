using Alert.Plugins;

namespace Alert.Reporting;

/// <summary>
/// <c>report.html</c>: the report's sections as one self-contained page (<see cref="HtmlReportWriter"/>).
/// </summary>
public sealed class HtmlReportExporter : IReportExporter
{
    /// <summary>The exporter, as the registry finds it.</summary>
    [AlertPlugin(Order = 20)]
    public static IReportExporter Exporter { get; } = new HtmlReportExporter();

    /// <summary>The exporter's name for <c>--format</c>.</summary>
    public string Name => "html";

    /// <summary>One line for help.</summary>
    public string Description => "report.html: one self-contained page, charts inlined, no script";

    /// <summary>The page's file name in the report directory.</summary>
    public const string FileName = "report.html";

    /// <summary>The page for <paramref name="model"/>, with charts embedded from <paramref name="chartDataUris"/>
    /// (chart name to data URI).</summary>
    public static string Render(ReportModel model, IReadOnlyDictionary<string, string>? chartDataUris = null) =>
        HtmlReportWriter.Render(ReportSections.Build(model), chartDataUris);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ExportAsync(
        ReportModel model, string directory, CancellationToken cancellationToken = default)
    {
        var charts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ReportCharts.Names)
        {
            var png = Path.Combine(directory, name + ".png");
            if (File.Exists(png))
            {
                var bytes = await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false);
                charts[name] = "data:image/png;base64," + Convert.ToBase64String(bytes);
            }
        }
        var path = Path.Combine(directory, FileName);
        await Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, Render(model, charts), cancellationToken)
            .ConfigureAwait(false);
        return [path];
    }
}
