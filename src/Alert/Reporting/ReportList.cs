namespace Alert.Reporting;

/// <summary>A bulleted list of plain-text items.</summary>
/// <param name="Items">The items, in order.</param>
public sealed record ReportList(IReadOnlyList<string> Items) : ReportBlock;
