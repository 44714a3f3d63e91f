using System.Text;

namespace Alert.Attacks;

/// <summary>Multi-line templates separated by lines holding only <c>---</c>; <c>#</c> lines before the first are
/// comments.</summary>
internal static class TemplateFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        var templates = new List<string>();
        var current = new StringBuilder();
        var started = false;
        foreach (var line in DataFiles.ReadText(path).Split('\n'))
        {
            if (!started && line.StartsWith('#'))
                continue;
            if (line.Trim() == "---")
            {
                Flush();
                started = true;
                continue;
            }
            started = true;
            current.Append(line).Append('\n');
        }
        Flush();
        foreach (var t in templates)
        {
            if (!t.Contains("{request}", StringComparison.Ordinal))
                throw new AlertException(
                    $"data/{path}: a template has no {{request}} slot: '{t[..Math.Min(60, t.Length)]}...'");
        }
        return templates;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
                templates.Add(text);
            current.Clear();
        }
    }
}
