namespace Alert.Storage;

/// <summary>One completed call of an adaptive attack: what was sent (JSON messages) and what came back, or the
/// error.</summary>
/// <param name="Parent">The node this one grew from (tree searches), else null.</param>
public sealed record StoredAttackCall(AttackCallId Id, int? Parent, string Request, string? Response, string? Error,
    long? InputTokens, long? OutputTokens, long LatencyMs);
