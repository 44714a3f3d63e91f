namespace Alert.Reporting;

/// <summary>A paragraph of prose (plain text; the writers escape it).</summary>
/// <param name="Text">The paragraph.</param>
/// <param name="Warning">True for a caveat the reader must not miss (runs that cannot be compared).</param>
public sealed record ReportParagraph(string Text, bool Warning = false) : ReportBlock;
