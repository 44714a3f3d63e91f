namespace Alert.Reporting;

/// <summary>A group of blocks under a one-line summary, folded away in the HTML page.</summary>
/// <param name="Summary">The line shown when folded.</param>
/// <param name="Blocks">The folded content.</param>
public sealed record ReportDetails(string Summary, IReadOnlyList<ReportBlock> Blocks) : ReportBlock;
