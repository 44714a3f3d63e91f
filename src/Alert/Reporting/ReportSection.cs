namespace Alert.Reporting;

/// <summary>
/// One section of a report, built once from the runs (title, prose, tables, figures) and rendered by every writer:
/// <see cref="HtmlReportWriter"/>, <see cref="MarkdownReportWriter"/> and any other view of the same model.
/// </summary>
/// <param name="Id">A stable anchor, unique in a report (<c>leaderboard</c>).</param>
/// <param name="Title">The section's heading.</param>
/// <param name="Blocks">Its content, in order.</param>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportBlock> Blocks);
