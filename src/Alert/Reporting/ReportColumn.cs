namespace Alert.Reporting;

/// <summary>A table column.</summary>
/// <param name="Title">The column's heading.</param>
/// <param name="Numeric">True to align right (numbers); text aligns left.</param>
/// <param name="Note">A second, smaller heading line (a run column's judge), or null.</param>
public sealed record ReportColumn(string Title, bool Numeric = true, string? Note = null);
