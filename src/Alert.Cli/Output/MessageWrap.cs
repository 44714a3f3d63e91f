namespace Alert.Cli.Output;

/// <summary>
/// A message line broken at spaces to fit a width, as a terminal wraps it: piped output with <c>COLUMNS</c> set gets
/// no line wider than that (a single word wider than the width stays whole on a line of its own).
/// </summary>
internal static class MessageWrap
{
    /// <summary>Continuation lines start with this, so a wrapped message still reads as one.</summary>
    public const string Indent = "  ";

    /// <summary>The lines of <paramref name="text"/> within <paramref name="width"/>.</summary>
    public static IReadOnlyList<string> Lines(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = line.Length == 0 ? (lines.Count == 0 ? "" : Indent) + word : line + " " + word;
            if (next.Length > width && line.Trim().Length > 0)
            {
                lines.Add(line);
                line = Indent + word;
            }
            else
            {
                line = next;
            }
        }
        if (line.Length > 0)
            lines.Add(line);
        return lines;
    }
}
