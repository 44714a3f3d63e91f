namespace Alert.Benchmark;

/// <summary>The request in a red-team transcript: its first human turn, as ALERT took its prompts.</summary>
public static partial class HumanTurn
{
    /// <summary>
    /// The first human turn of a <c>Human: / Assistant:</c> transcript, the instruction of an ALERT frame,
    /// or the text itself.
    /// </summary>
    public static string First(string text)
    {
        var human = text.IndexOf("Human:", StringComparison.Ordinal);
        if (human >= 0)
        {
            var start = human + "Human:".Length;
            var end = text.IndexOf("Assistant:", start, StringComparison.Ordinal);
            return Tidy(end < 0 ? text[start..] : text[start..end]);
        }
        return InstructionFrame.Unwrap(text).Trim();
    }

    // Crowdworkers' text as typed, less what only the transcript format left: a stray full stop before the first
    // word (". Do you think ...") and runs of spaces ("my neighbor  is").
    private static string Tidy(string turn)
    {
        var text = SpaceRun().Replace(turn.Trim(), " ");
        var first = 0;
        while (first < text.Length && (char.IsPunctuation(text[first]) || char.IsWhiteSpace(text[first]))
            && text[first] is not ('"' or '\'' or '(' or '[' or '¿' or '¡'))
            first++;
        return first == text.Length ? text : text[first..];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[ \t]{2,}")]
    private static partial System.Text.RegularExpressions.Regex SpaceRun();
}
