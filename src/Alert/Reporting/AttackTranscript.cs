namespace Alert.Reporting;

/// <summary>One goal's best attack, for a report: the request, what was sent, what came back, the conversation (JSON)
/// if any.</summary>
public sealed record AttackTranscript(string Category, string Goal, bool Success, string? Prompt, string? Response,
    string? Turns);
