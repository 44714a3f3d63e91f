using System.Text;

namespace Alert.RedTeaming;

/// <summary>
/// A prompt template from <c>data/redteaming/</c>: '#' comment lines dropped, optional <c>[name]</c> sections,
/// <c>{key}</c> placeholders. Its file name carries its version, recorded in the run's identity.
/// </summary>
internal sealed class AttackPrompt
{
    private readonly Dictionary<string, string> _sections;

    private AttackPrompt(string path, Dictionary<string, string> sections)
    {
        Path = path;
        _sections = sections;
    }

    public string Path { get; }

    /// <summary>The section names in file order (one unnamed section when the file has none).</summary>
    public IReadOnlyList<string> Sections => [.. _sections.Keys];

    public static AttackPrompt Load(string path)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = "";
        var text = new StringBuilder();
        foreach (var line in DataFiles.ReadText(path).Split('\n'))
        {
            if (line.StartsWith('#'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']') && !line.Contains(' ', StringComparison.Ordinal))
            {
                if (name.Length > 0 || text.ToString().Trim().Length > 0)
                    sections[name] = text.ToString().Trim();
                (name, text) = (line[1..^1], new StringBuilder());
                continue;
            }
            text.Append(line).Append('\n');
        }
        sections[name] = text.ToString().Trim();
        return new AttackPrompt(path, sections);
    }

    /// <summary>A section (or the only one) with its placeholders filled.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values, string section = "")
    {
        var text = _sections[section];
        foreach (var (key, value) in values)
            text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }
}
