namespace Alert.RedTeaming;

/// <summary>
/// Whether a failed target call was a content filter's block (Azure OpenAI's HTTP 400 <c>content_filter</c>, an answer
/// that finished with <c>content_filter</c> and no text): the target resisted that attempt, it did not fail.
/// </summary>
internal static class ContentFilterBlock
{
    /// <summary>The error recorded for an answer that finished with <c>content_filter</c> and no text.</summary>
    public const string FinishedError = "content_filter: the server's content filter blocked the answer";

    private static readonly string[] Markers = ["content_filter", "content management policy", "content filter"];

    /// <summary>Whether a call's recorded error is a content filter's block.</summary>
    public static bool Is(string? error) =>
        error is not null && Markers.Any(m => error.Contains(m, StringComparison.OrdinalIgnoreCase));
}
