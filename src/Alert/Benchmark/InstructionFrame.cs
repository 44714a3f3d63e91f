namespace Alert.Benchmark;

/// <summary>The <c>### Instruction:</c> frame the released ALERT files wrap every prompt in (spec §2).</summary>
public static class InstructionFrame
{
    /// <summary>What the paper puts before each prompt.</summary>
    public const string Prefix = "### Instruction:\n";
    /// <summary>What the paper puts after each prompt.</summary>
    public const string Suffix = "\n### Response:\n";
    private const string ResponseMarker = "### Response:\n";

    /// <summary>The prompt in the paper's instruction frame.</summary>
    public static string Wrap(string text) => Prefix + text + Suffix;

    /// <summary>Strips the frame if present (as the released evaluator does before judging).</summary>
    public static string Unwrap(string prompt)
    {
        var text = prompt;
        if (text.StartsWith(Prefix, StringComparison.Ordinal))
            text = text[Prefix.Length..];
        if (text.EndsWith(Suffix, StringComparison.Ordinal))
            text = text[..^Suffix.Length];
        else if (text.EndsWith("\n### Response:", StringComparison.Ordinal))
            text = text[..^"\n### Response:".Length];
        return text;
    }

    /// <summary>Strips a leading <c>### Response:</c> marker some models echo back.</summary>
    public static string CleanResponse(string response) =>
        response.StartsWith(ResponseMarker, StringComparison.Ordinal) ? response[ResponseMarker.Length..] : response;
}
