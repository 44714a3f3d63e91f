namespace Alert.RedTeaming;

/// <summary>A model's answer to an attack call, or why there is none.</summary>
public sealed record AttackReply(string? Text, string? Error);
