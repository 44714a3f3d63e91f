namespace Alert.Reporting;

/// <summary>An unsafe answer shown as an example in a report (model output: untrusted text).</summary>
public sealed record UnsafeExample(string Category, string AttackType, string Prompt, string Response,
    string JudgeOutput);
