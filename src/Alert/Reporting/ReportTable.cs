namespace Alert.Reporting;

/// <summary>A table: its columns and rows, each row with one cell per column.</summary>
/// <param name="Columns">The columns, in order.</param>
/// <param name="Rows">The rows, in order.</param>
public sealed record ReportTable(IReadOnlyList<ReportColumn> Columns, IReadOnlyList<ReportRow> Rows) : ReportBlock;
