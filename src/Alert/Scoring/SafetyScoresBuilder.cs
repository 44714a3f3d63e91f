using Alert.Taxonomy;

namespace Alert.Scoring;

/// <summary>
/// <see cref="SafetyScorer.Score"/> one item at a time: counts per category, attack and language as rows stream past,
/// so a run of any size is scored without holding its rows. Cross-language consistency needs every language's verdict
/// of a prompt; a builder does not keep them, so a run with <see cref="SeveralLanguages"/> passes the consistency,
/// computed over a second pass, to <see cref="Build"/>.
/// </summary>
public sealed class SafetyScoresBuilder
{
    private readonly AlertTaxonomy _taxonomy;
    private readonly SafetyPolicy _policy;
    private readonly ScoreTally _all;
    private string? _firstLanguage;
    // Null while every item had the first language: its tally is then the overall one, copied when a second comes.
    private Dictionary<string, ScoreTally>? _languages;

    /// <summary>Nothing counted yet; the ALERT taxonomy and the full policy unless given.</summary>
    public SafetyScoresBuilder(AlertTaxonomy? taxonomy = null, SafetyPolicy? policy = null)
    {
        _taxonomy = taxonomy ?? AlertTaxonomy.Default;
        _policy = policy ?? SafetyPolicy.Full;
        _all = new ScoreTally(_taxonomy, _policy);
    }

    /// <summary>The taxonomy the items are scored in.</summary>
    public AlertTaxonomy Taxonomy => _taxonomy;

    /// <summary>The policy the items are scored under.</summary>
    public SafetyPolicy Policy => _policy;

    /// <summary>Whether the items so far have more than one language (scores then need a consistency).</summary>
    public bool SeveralLanguages => _languages is not null;

    /// <summary>Counts one judged prompt.</summary>
    public void Add(ScoredItem item)
    {
        if (_languages is null)
        {
            _firstLanguage ??= item.Lang;
            // Everything before this item had the first language: its tally is the overall one so far.
            if (item.Lang != _firstLanguage)
                _languages = new(StringComparer.Ordinal) { [_firstLanguage] = _all.Clone() };
        }
        _all.Add(item);
        if (_languages is null)
            return;
        if (!_languages.TryGetValue(item.Lang, out var tally))
            _languages[item.Lang] = tally = new ScoreTally(_taxonomy, _policy);
        tally.Add(item);
    }

    /// <summary>
    /// The scores of every item added; with a language other than English, also per language (English first, then by
    /// tag) and, with several languages, <paramref name="consistency"/> (required then).
    /// </summary>
    public SafetyScores Build(LanguageConsistency? consistency = null)
    {
        var scores = _all.ToScores();
        if (_firstLanguage is null || (_languages is null && _firstLanguage == Benchmark.BenchmarkPrompt.DefaultLang))
            return scores;
        if (_languages is null)
            return scores with { Languages = new Dictionary<string, SafetyScores> { [_firstLanguage] = scores } };
        if (consistency is null)
            throw new InvalidOperationException("several languages: scores need their cross-language consistency");
        var perLanguage = _languages.Keys
            .OrderBy(l => l == Benchmark.BenchmarkPrompt.DefaultLang ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal)
            .ToDictionary(l => l, l => _languages[l].ToScores(), StringComparer.Ordinal);
        return scores with { Languages = perLanguage, Consistency = consistency };
    }
}
