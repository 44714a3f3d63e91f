namespace Alert.Reporting;

/// <summary>
/// Writes one report format into a directory (BenchmarkDotNet-style exporter). Registered with
/// <see cref="Plugins.AlertPluginAttribute"/> in its own file; <c>Name</c> and <c>Description</c> are for listings.
/// </summary>
public interface IReportExporter : Plugins.IPluginDescriptor
{
    /// <summary>Writes its files and returns their paths.</summary>
    Task<IReadOnlyList<string>> ExportAsync(ReportModel model, string directory,
        CancellationToken cancellationToken = default);

    string Plugins.IPluginDescriptor.Usage => Name;
}
