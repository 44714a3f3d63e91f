namespace Alert.Reporting;

/// <summary>The registered section builders, in report order.</summary>
public static class ReportSections
{
    /// <summary>Every section builder found in the loaded ALERT assemblies, by order.</summary>
    public static IReadOnlyList<IReportSectionBuilder> Builders =>
        Plugins.PluginDiscovery.Find<IReportSectionBuilder>();

    /// <summary>The sections of a report over <paramref name="model"/>: those that have something to show.</summary>
    public static IReadOnlyList<ReportSection> Build(ReportModel model) =>
        Builders.Select(b => b.Build(model)).OfType<ReportSection>().ToList();
}
