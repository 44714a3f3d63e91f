namespace Alert.RedTeaming;

/// <summary>A model's answer to an attack call, or why there is none.</summary>
public sealed record AttackReply(string? Text, string? Error)
{
    /// <summary>The server's content filter blocked the attempt (HTTP 400 <c>content_filter</c>): a resisted attempt,
    /// score 0.</summary>
    public bool Blocked => ContentFilterBlock.Is(Error);
}
