namespace Alert.Reporting;

/// <summary>
/// A chart by name (<see cref="ReportCharts.Names"/>); a writer shows it when the chart was drawn into the report
/// directory and leaves it out otherwise.
/// </summary>
/// <param name="Chart">The chart's file name without extension (<c>heatmap</c>).</param>
/// <param name="Caption">What the chart shows, also its alternative text.</param>
public sealed record ReportFigure(string Chart, string Caption) : ReportBlock;
