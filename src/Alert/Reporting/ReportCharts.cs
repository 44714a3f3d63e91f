namespace Alert.Reporting;

/// <summary>The charts a report may hold, by file name (without .png/.svg): drawn by Alert.Charts, inlined by the HTML
/// page when present.</summary>
public static class ReportCharts
{
    /// <summary>The charts a report can draw.</summary>
    /// <remarks><c>languages</c>: scores by language and category of the first run with several languages.</remarks>
    public static IReadOnlyList<string> Names { get; } = ["heatmap", "attack-success", "concurrency", "languages"];
}
