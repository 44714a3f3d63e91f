namespace Alert.Preferences;

/// <summary>One run's part in a DPO build: its prompts, and how many have a safe or unsafe verdict or none.</summary>
/// <param name="Run">The run's target as it recorded it.</param>
/// <param name="WithoutVerdict">Prompts with a target or judge error, not sent or not judged yet.</param>
public sealed record DpoRunCounts(string Run, int Prompts, int Safe, int Unsafe, int WithoutVerdict);
