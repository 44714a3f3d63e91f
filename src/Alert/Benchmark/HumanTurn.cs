namespace Alert.Benchmark;

/// <summary>The request in a red-team transcript: its first human turn, as ALERT took its prompts.</summary>
public static class HumanTurn
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
            return (end < 0 ? text[start..] : text[start..end]).Trim();
        }
        return InstructionFrame.Unwrap(text).Trim();
    }
}
