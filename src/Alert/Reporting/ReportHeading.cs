namespace Alert.Reporting;

/// <summary>A heading inside a section (one level below the section's title).</summary>
/// <param name="Text">The heading.</param>
public sealed record ReportHeading(string Text) : ReportBlock;
