using Alert.Judges.Embedded;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>
/// The offline classifier. Stage 0 sends requests for things outside the taxonomy (copyrighted text and the
/// like, <c>data/classify/out-of-taxonomy.txt</c>) to <c>none</c>. Stage 1, learned, is a softmax over the
/// prompt's MiniLM embedding, its keyword hits (<c>data/classify/keywords.txt</c>) and the prompt guard's
/// p_harmful, with one class per micro category and one for <c>none</c>, trained on the hand-labelled HH-RLHF
/// corpus and a sample of template prompts (<see cref="ClassifierModel"/>). When it is unsure, a request without
/// keywords that the guard scores low is <c>none</c>, and one whose words point to exactly one category gets
/// it; when it says <c>none</c> of a request the guard is sure is harmful, its best category decides. One
/// embedding per prompt serves every stage; each result says which stage decided and why. Version 2 (guard
/// gate, keywords, exemplar vote) is kept for comparison.
/// </summary>
public sealed class TaxonomyClassifier : ICategoryClassifier, IDisposable
{
    /// <summary>The classifier's version, stored with its labels.</summary>
    public const string Version = "alert-classifier-v3";
    /// <summary>Below this probability for its best class the learned stage is unsure, and a single keyword
    /// category decides (bench classify-cv).</summary>
    public const double Unsure = 0.5;
    /// <summary>From this p_harmful on, the learned stage's <c>none</c> gives way to its best category: requests
    /// unlike the corpus's (HarmBench's formal ones) that the guard is sure of stay in the taxonomy.</summary>
    public const double SureHarmful = 0.9;
    /// <summary>When the learned stage is unsure and no keywords occur, a request the guard gives less than this is
    /// <c>none</c> (the corpus is red-team data, so the learned stage leans towards a category).</summary>
    public const double LowHarm = 0.1;
    /// <summary>Version 2's gate: below this p_harmful a request was <c>none</c>.</summary>
    public const double DefaultMinHarm = 0.4;
    /// <summary>Version 2: below the gate, a single keyword category still decided from this p_harmful on.</summary>
    public const double KeywordFloor = 0.1;
    private readonly AlertTaxonomy _taxonomy = AlertTaxonomy.Default;
    private readonly TaxonomyCues _cues;
    private readonly TextEmbedder _embedder = new();
    private readonly PromptGuard _guard;
    private readonly ClassifierModel? _model;
    private readonly ExemplarVote? _vote;

    /// <param name="minHarm">Below this probability of being harmful (prompt guard), a prompt is <c>none</c>
    /// whatever the learned stage says; null: no such gate (the learned stage decides).</param>
    public TaxonomyClassifier(double? minHarm = null)
        : this(ClassifierModel.LoadShipped(), minHarm ?? 0)
    {
    }

    /// <summary>Version 3 with another model (cross-validation folds), or version 2 when
    /// <paramref name="model"/> is null.</summary>
    internal TaxonomyClassifier(ClassifierModel? model, double minHarm)
    {
        _guard = new PromptGuard(EmbeddedJudgeModel.LoadShipped(PromptGuard.DefaultPath, PromptGuard.FeatureSet),
            _embedder);
        _cues = new TaxonomyCues(_taxonomy);
        _model = model;
        _vote = model is null ? new ExemplarVote(_taxonomy, _embedder) : null;
        MinHarm = model is null && minHarm == 0 ? DefaultMinHarm : minHarm;
        Name = model is null ? "alert-classifier-v2" : $"{Version} (model sha256 {model.Sha256})";
    }

    /// <summary>The classifier's name: its version and its model file's hash.</summary>
    public string Name { get; }
    /// <summary>How harmful a text must look to get a category rather than <c>none</c> (0: no gate).</summary>
    public double MinHarm { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<Classification>> ClassifyAsync(
        IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var readings = Read(texts, cancellationToken);
        var results = new Classification[texts.Count];
        for (var i = 0; i < texts.Count; i++)
            results[i] = _model is null ? ClassifyV2(texts[i], readings[i])
                : Decide(texts[i], readings[i], _model, MinHarm);
        return Task.FromResult<IReadOnlyList<Classification>>(results);
    }

    /// <summary>Reads each prompt: one MiniLM embedding, the guard's p_harmful, keyword and out-of-taxonomy
    /// cues.</summary>
    internal IReadOnlyList<PromptReading> Read(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = PromptGuard.Featurize(_embedder, texts, cancellationToken);
        return texts.Select((text, i) =>
        {
            var harm = _guard.Model.Predict(vectors[i]);
            var hits = _cues.Hits(text);
            return new PromptReading(vectors[i], ClassifierFeatures.Compute(vectors[i], harm, hits, _taxonomy),
                harm, hits, _cues.OutOfTaxonomy(text));
        }).ToList();
    }

    /// <summary>Version 3's decision for one prompt with <paramref name="model"/> (the shipped one, or a
    /// cross-validation fold's) and the gate <paramref name="minHarm"/> (0: none).</summary>
    internal Classification Decide(string text, PromptReading reading, ClassifierModel model, double minHarm)
    {
        var (harm, hits) = (reading.Harm, reading.Hits);
        if (reading.Outside is { } outside)
            return OutOfTaxonomy(outside);
        if (harm < minHarm)
            return Gate(harm, minHarm);
        var p = model.Head.Probabilities(reading.Features);
        var ranked = Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).ThenBy(c => c).ToList();
        var top = string.Join(", ", ranked.Take(3).Select(c =>
            FormattableString.Invariant($"{model.Classes[c]} {p[c]:0.00}")));
        var why = FormattableString.Invariant($"p_harmful {harm:0.00}; learned: {top}");
        var best = ranked[0];
        if (p[best] < Unsure && hits.Count == 0 && harm < LowHarm)
            return Result(Classification.None, 1 - harm, "guard", FormattableString.Invariant(
                $"{why} (unsure); no keywords and p_harmful below {LowHarm:0.00}: not a harmful request"));
        if (p[best] < Unsure && hits.Count == 1)
            return Result(hits[0], p[best], "keywords",
                $"{why} (unsure); keywords of {hits[0]}: {_cues.Words(text, hits[0])}");
        if (model.Classes[best] == Classification.None && harm >= SureHarmful)
        {
            var category = ranked.First(c => model.Classes[c] != Classification.None);
            return Result(model.Classes[category], p[category], "guard",
                FormattableString.Invariant($"{why}; the guard is sure it is harmful, so the best category"));
        }
        return Result(model.Classes[best], p[best], "learned", why + string.Concat(
            hits.Select(h => $"; keywords of {h}: {_cues.Words(text, h)}")));
    }

    private static Classification OutOfTaxonomy(string phrase) => new(Classification.None, null, 0.9,
        "out-of-taxonomy", $"asks for something outside the taxonomy ('{phrase}')");

    private Classification Result(string label, double confidence, string stage, string why) =>
        label == Classification.None
            ? new Classification(label, null, Math.Round(confidence, 3), stage, why)
            : new Classification(label, _taxonomy.Resolve(label).Macro, Math.Round(confidence, 3), stage, why);

    private static Classification Gate(float harm, double minHarm) =>
        new(Classification.None, null, Math.Round(1 - harm, 3), "guard",
            FormattableString.Invariant($"not a harmful request (p_harmful {harm:0.00} < {minHarm:0.00})"));

    // Version 2: out-of-taxonomy phrases, the guard's gate, a single keyword category, else the exemplar vote.
    private Classification ClassifyV2(string text, PromptReading reading)
    {
        var (harm, hits) = (reading.Harm, reading.Hits);
        if (reading.Outside is { } outside)
            return OutOfTaxonomy(outside);
        if (harm < MinHarm && !(hits.Count == 1 && harm >= KeywordFloor))
            return Gate(harm, MinHarm);
        if (hits.Count == 1)
            return new Classification(hits[0], _taxonomy.Resolve(hits[0]).Macro, Math.Round(0.9 * harm + 0.1, 3),
                "keywords",
                FormattableString.Invariant($"p_harmful {harm:0.00}; keywords of {hits[0]}: ")
                + _cues.Words(text, hits[0]));
        return _vote!.Vote(reading.Embedding, hits.ToHashSet(), harm);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _guard.Dispose();
        _embedder.Dispose();
    }
}
