namespace Alert.Reporting;

/// <summary>One piece of a section's content: prose, a table, a list, a figure, verbatim text or a group.</summary>
public abstract record ReportBlock;
