using System.Text.RegularExpressions;
using Alert.Judges.Embedded;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>A prompt sorted into the taxonomy: a micro label or <c>none</c>, its macro, confidence, and the stage that decided.</summary>
public sealed record Classification(string Category, string? Macro, double Confidence, string Stage, string Explanation)
{
    public const string None = "none";
}

/// <summary>Sorts prompts into ALERT categories.</summary>
public interface ICategoryClassifier
{
    string Name { get; }
    Task<IReadOnlyList<Classification>> ClassifyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}

/// <summary>
/// The offline classifier, ALERT's own recipe (spec §2): stage 1 matches per-category keyword lexicons
/// (<c>data/classify/keywords.txt</c>) and decides when exactly one category's words occur; stage 2
/// embeds the prompt (MiniLM) and takes a vote of its nearest exemplars among category descriptions, the
/// built base set and out-of-taxonomy prompts (<c>data/classify/none-exemplars.txt</c>), with
/// <c>none</c> below a similarity threshold. Each result says which stage decided and why.
/// </summary>
public sealed class TaxonomyClassifier : ICategoryClassifier, IDisposable
{
    public const string Version = "alert-classifier-v1";
    private const int ExemplarsPerCategory = 60;
    private const int Neighbours = 9;
    private readonly AlertTaxonomy _taxonomy = AlertTaxonomy.Default;
    private readonly List<(string Category, Regex Pattern)> _keywords = [];
    private readonly Lazy<(float[][] Vectors, string[] Labels)> _exemplars;
    private readonly TextEmbedder _embedder = new();

    public TaxonomyClassifier(double minSimilarity = 0.45)
    {
        MinSimilarity = minSimilarity;
        string? category = null;
        foreach (var raw in DataFiles.ReadText("classify/keywords.txt").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                category = _taxonomy.Resolve(line[1..^1]).Label;
                continue;
            }
            foreach (var phrase in line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var body = Regex.Escape(phrase.TrimEnd('*')).Replace("\\ ", "\\s+", StringComparison.Ordinal);
                var pattern = phrase.EndsWith('*') ? $@"\b{body}\w*" : $@"\b{body}\b";
                _keywords.Add((category!, new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled)));
            }
        }
        _exemplars = new Lazy<(float[][], string[])>(BuildExemplars);
    }

    public string Name => Version;
    public double MinSimilarity { get; }

    public Task<IReadOnlyList<Classification>> ClassifyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var results = new Classification?[texts.Count];
        var pending = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            var hits = _keywords.Where(k => k.Pattern.IsMatch(texts[i])).GroupBy(k => k.Category).Select(g => (g.Key, Count: g.Count())).ToList();
            if (hits.Count == 1)
            {
                var hit = hits[0];
                var words = string.Join(", ", _keywords.Where(k => k.Category == hit.Key).Select(k => k.Pattern.Match(texts[i])).Where(m => m.Success).Select(m => m.Value.ToLowerInvariant()).Distinct());
                results[i] = new Classification(hit.Key, _taxonomy.Resolve(hit.Key).Macro, 0.9, "keywords", $"keywords of {hit.Key}: {words}");
            }
            else
            {
                pending.Add(i);
            }
        }
        if (pending.Count > 0)
        {
            var (vectors, labels) = _exemplars.Value;
            var embedded = _embedder.Embed(pending.Select(i => texts[i]).ToList(), 64, cancellationToken);
            for (var p = 0; p < pending.Count; p++)
            {
                var i = pending[p];
                var keywordHint = _keywords.Where(k => k.Pattern.IsMatch(texts[i])).Select(k => k.Category).ToHashSet();
                results[i] = Vote(embedded[p], vectors, labels, keywordHint);
            }
        }
        return Task.FromResult<IReadOnlyList<Classification>>(results.Select(r => r!).ToArray());
    }

    private Classification Vote(float[] query, float[][] vectors, string[] labels, HashSet<string> keywordHint)
    {
        var top = new PriorityQueue<int, float>();
        for (var j = 0; j < vectors.Length; j++)
        {
            var s = TextEmbedder.Dot(query, vectors[j]);
            top.Enqueue(j, s);
            if (top.Count > Neighbours)
                top.Dequeue();
        }
        var neighbours = new List<(string Label, float Similarity)>();
        while (top.TryDequeue(out var j, out var s))
            neighbours.Add((labels[j], s));
        var best = neighbours.Max(n => n.Similarity);
        // Votes weighted by similarity; categories whose keywords also occurred get a bonus, and a prompt
        // with taxonomy keywords is not voted out of the taxonomy.
        var votes = neighbours.GroupBy(n => n.Label)
            .Select(g => (Label: g.Key, Weight: g.Sum(n => n.Similarity) * (keywordHint.Contains(g.Key) ? 1.5 : 1)
                * (g.Key == Classification.None && keywordHint.Count > 0 ? 0 : 1)))
            .Where(v => v.Weight > 0)
            .OrderByDescending(v => v.Weight).ToList();
        var total = votes.Sum(v => v.Weight);
        var (label, weight) = votes[0];
        var confidence = Math.Round(weight / total, 3);
        var why = $"nearest exemplars: {string.Join(", ", votes.Take(3).Select(v => $"{v.Label} {v.Weight / total:0.00}"))}; best similarity {best:0.00}"
            + (keywordHint.Count > 0 ? $"; keywords of {string.Join(", ", keywordHint.Order(StringComparer.Ordinal))}" : "");
        if (label == Classification.None || best < MinSimilarity)
            return new Classification(Classification.None, null, label == Classification.None ? confidence : Math.Round(1 - best, 3), "embedding", why);
        return new Classification(label, _taxonomy.Resolve(label).Macro, confidence, "embedding", why);
    }

    /// <summary>Exemplars: each category's description, a deterministic sample of the built base set, and the none prompts.</summary>
    private (float[][], string[]) BuildExemplars()
    {
        var texts = new List<string>();
        var labels = new List<string>();
        foreach (var c in _taxonomy.Categories)
        {
            texts.Add(c.Description);
            labels.Add(c.Label);
        }
        var built = new Benchmark.Generation.BenchmarkBuilder().Build(new Benchmark.Generation.BuildOptions { PerAttack = 1 });
        foreach (var group in built.Base.GroupBy(p => p.Category))
        {
            var all = group.ToList();
            var step = Math.Max(1, all.Count / ExemplarsPerCategory);
            for (var k = 0; k < all.Count && k / step < ExemplarsPerCategory; k += step)
            {
                texts.Add(all[k].Text);
                labels.Add(group.Key);
            }
        }
        foreach (var line in DataFiles.ReadText("classify/none-exemplars.txt").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            texts.Add(line);
            labels.Add(Classification.None);
        }
        return (_embedder.Embed(texts, 64), labels.ToArray());
    }

    public void Dispose() => _embedder.Dispose();
}
