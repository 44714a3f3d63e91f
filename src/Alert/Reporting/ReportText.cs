namespace Alert.Reporting;

/// <summary>Verbatim text under a label (a prompt, a model's answer): always shown as text, never as markup.</summary>
/// <param name="Label">What the text is (<c>Prompt</c>, <c>Response</c>).</param>
/// <param name="Text">The text itself.</param>
public sealed record ReportText(string Label, string Text) : ReportBlock;
