using System.Text.RegularExpressions;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>
/// The classifier's word cues: per-category keyword lexicons (<c>data/classify/keywords.txt</c>) and requests
/// outside the taxonomy (<c>data/classify/out-of-taxonomy.txt</c>: copyrighted text and the like). Each
/// '|'-separated phrase is a case-insensitive word-boundary pattern; a trailing '*' matches a prefix.
/// </summary>
internal sealed class TaxonomyCues
{
    private readonly List<(string Category, Regex Pattern)> _keywords = [];
    private readonly List<Regex> _outOfTaxonomy = [];

    public TaxonomyCues(AlertTaxonomy taxonomy)
    {
        foreach (var (section, lines) in DataFiles.ReadGroups("classify/keywords.txt"))
        {
            var category = taxonomy.Resolve(section).Label;
            _keywords.AddRange(Phrases(lines).Select(p => (category, p)));
        }
        foreach (var (_, lines) in DataFiles.ReadGroups("classify/out-of-taxonomy.txt"))
            _outOfTaxonomy.AddRange(Phrases(lines));
    }

    /// <summary>The first out-of-taxonomy phrase in <paramref name="text"/> (lower case), or null.</summary>
    public string? OutOfTaxonomy(string text) =>
        _outOfTaxonomy.Find(p => p.IsMatch(text)) is { } outside
            ? outside.Match(text).Value.ToLowerInvariant() : null;

    /// <summary>The categories whose keywords occur in <paramref name="text"/>, in lexicon order.</summary>
    public List<string> Hits(string text) =>
        _keywords.Where(k => k.Pattern.IsMatch(text)).Select(k => k.Category).Distinct().ToList();

    /// <summary>The words of <paramref name="category"/> that occur in <paramref name="text"/>,
    /// comma-separated.</summary>
    public string Words(string text, string category) =>
        string.Join(", ", _keywords.Where(k => k.Category == category).Select(k => k.Pattern.Match(text))
            .Where(m => m.Success).Select(m => m.Value.ToLowerInvariant()).Distinct());

    private static IEnumerable<Regex> Phrases(IEnumerable<string> lines)
    {
        const StringSplitOptions Split = StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;
        foreach (var phrase in lines.SelectMany(l => l.Split('|', Split)))
        {
            var body = Regex.Escape(phrase.TrimEnd('*')).Replace("\\ ", "\\s+", StringComparison.Ordinal);
            var pattern = phrase.EndsWith('*') ? $@"\b{body}\w*" : $@"\b{body}\b";
            yield return new Regex(
                pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }
}
