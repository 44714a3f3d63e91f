namespace Alert.Scoring;

/// <summary>What a scores file describes.</summary>
public sealed record ScoresHeader(string Target, string Judge, string Benchmark);
