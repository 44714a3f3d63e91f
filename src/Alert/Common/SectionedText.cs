namespace Alert.Common;

/// <summary>
/// Text in named sections: <c>[section]</c> headers, one entry per line after each, blank lines and <c>#</c> comments
/// skipped. The format of the lexicons, prototypes, cues and keyword files in <c>data/</c>.
/// </summary>
public static class SectionedText
{
    /// <summary>
    /// The sections of <paramref name="text"/> in file order (a repeated header starts another section of that name);
    /// an entry before the first header is an <see cref="AlertFormatException"/> naming <paramref name="name"/> and the
    /// line.
    /// </summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<string> Lines)> Parse(string name, string text)
    {
        var sections = new List<(string Name, List<string> Lines)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
                sections.Add((line[1..^1].Trim(), []));
            else if (sections.Count == 0)
                throw new AlertFormatException(name, lineNumber, null, "entry before the first [section] header");
            else
                sections[^1].Lines.Add(line);
        }
        return sections.Select(s => (s.Name, (IReadOnlyList<string>)s.Lines)).ToArray();
    }
}
