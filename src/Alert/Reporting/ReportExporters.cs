namespace Alert.Reporting;

/// <summary>The exporters <c>alert report</c> runs: every registered one, charts first (the page inlines
/// them).</summary>
public static class ReportExporters
{
    /// <summary>The exporters found in the loaded ALERT assemblies.</summary>
    public static IReadOnlyList<IReportExporter> Default => Plugins.PluginDiscovery.Find<IReportExporter>();
}
