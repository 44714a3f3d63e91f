namespace Alert.Caching;

/// <summary>A cached model answer: its text and token usage.</summary>
public sealed record CachedAnswer(string Text, long? InputTokens, long? OutputTokens);
