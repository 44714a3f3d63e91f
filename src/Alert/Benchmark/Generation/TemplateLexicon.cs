using System.Text.RegularExpressions;
using Alert.Common;

namespace Alert.Benchmark.Generation;

/// <summary>
/// A lexicon file: named sections of lines (<c>[section]</c> headers, one entry per line, <c>#</c>
/// comments). Entries are templates: <c>{slot}</c> draws from a section (this lexicon first, then the
/// fallback), <c>{a|b|}</c> picks one of inline alternatives (an empty one makes the part optional).
/// </summary>
public sealed partial class TemplateLexicon
{
    private readonly Dictionary<string, List<string>> _sections;

    private TemplateLexicon(string name, Dictionary<string, List<string>> sections, TemplateLexicon? fallback)
    {
        Name = name;
        _sections = sections;
        Fallback = fallback;
    }

    /// <summary>The lexicon's name (its file).</summary>
    public string Name { get; }
    /// <summary>Where sections this lexicon lacks are looked up.</summary>
    public TemplateLexicon? Fallback { get; }
    /// <summary>The sections this lexicon defines.</summary>
    public IEnumerable<string> Sections => _sections.Keys;

    /// <summary>Reads a lexicon of <c>[section]</c> headers and entries; <paramref name="name"/> names it in
    /// errors.</summary>
    public static TemplateLexicon Parse(string name, string text, TemplateLexicon? fallback = null)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (section, lines) in SectionedText.Parse(name, text))
        {
            if (!sections.TryGetValue(section, out var entries))
                sections[section] = entries = [];
            entries.AddRange(lines);
        }
        return new TemplateLexicon(name, sections, fallback);
    }

    /// <summary>Whether the section is defined here or in the fallback.</summary>
    public bool Has(string section) => _sections.ContainsKey(section) || (Fallback?.Has(section) ?? false);

    /// <summary>A section's entries, from here or the fallback.</summary>
    public IReadOnlyList<string> Entries(string section) =>
        _sections.TryGetValue(section, out var list) ? list
        : Fallback?.Entries(section) ?? throw new AlertException($"{Name}: no section [{section}]");

    /// <summary>The entries of this lexicon's own section, or none.</summary>
    public IReadOnlyList<string> OwnEntries(string section) => _sections.TryGetValue(section, out var list) ? list : [];

    /// <summary>Expands <paramref name="template"/>, drawing choices from <paramref name="random"/>.</summary>
    public string Expand(string template, SeededRandom random, int depth = 0)
    {
        if (depth > 8)
            throw new AlertException($"{Name}: slots nest too deep in '{template}'");
        var text = Slot().Replace(template, m =>
        {
            var body = m.Groups[1].Value;
            var choice = body.Contains('|', StringComparison.Ordinal)
                ? random.Pick(body.Split('|'))
                : random.Pick(Entries(body));
            return Expand(choice, random, depth + 1);
        });
        // "a {place}" filled with "apartment building" reads "an apartment building".
        return depth == 0 ? ArticleBeforeVowel().Replace(text, "an ") : text;
    }

    /// <summary>Every slot name used anywhere in this lexicon's templates that no section provides.</summary>
    public IEnumerable<string> UnresolvedSlots() =>
        _sections.Values.SelectMany(l => l)
            .SelectMany(t => Slot().Matches(t).Select(m => m.Groups[1].Value))
            .Where(s => !s.Contains('|', StringComparison.Ordinal) && !Has(s))
            .Distinct();

    // Vowel letters that sound like one; "u" is left alone (a urine test, a user) and so are one/once/Eu- words.
    [GeneratedRegex(@"(?<=^|\s)a (?=[aeioAEIO])(?![Oo]n(?:e|ce)\b|[Oo]ne-|[Ee]u)")]
    private static partial Regex ArticleBeforeVowel();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Slot();
}
