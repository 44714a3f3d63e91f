namespace Alert.Storage;

/// <summary>A target's answer (or failure) to one prompt.</summary>
/// <remarks><see cref="Attempts"/> counts tries of the request (0 for an answer from the cache, which cost
/// nothing).</remarks>
/// <remarks><see cref="Guard"/>: for a guarded target, the decision that blocked the call (JSON: stage, judge, verdict,
/// output, codes), else null.</remarks>
public sealed record StoredResponse(string Key, string? Response, string? Error, long? InputTokens, long? OutputTokens,
    long LatencyMs, int Attempts = 1, bool Cached = false, string? Guard = null);
