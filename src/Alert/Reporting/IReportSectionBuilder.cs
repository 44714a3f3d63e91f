namespace Alert.Reporting;

/// <summary>
/// Builds one report section from the model. Registered with <see cref="Plugins.AlertPluginAttribute"/> (its
/// <c>Order</c> is the section's place in the report), one section per file under <c>Reporting/Sections</c>: a new
/// section needs no change to any writer.
/// </summary>
public interface IReportSectionBuilder
{
    /// <summary>The section's anchor, unique among the sections.</summary>
    string Id { get; }

    /// <summary>The section, or null when the report holds nothing it could show (the overview says why).</summary>
    ReportSection? Build(ReportModel model);
}
