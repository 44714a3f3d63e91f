namespace Alert.Reporting;

/// <summary>A table row.</summary>
/// <param name="Cells">One cell per column.</param>
/// <param name="Emphasis">True for a total or macro-category row, set in bold.</param>
public sealed record ReportRow(IReadOnlyList<ReportCell> Cells, bool Emphasis = false);
