using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Taxonomy;

namespace Alert.Benchmark.Generation;

/// <summary>
/// ALERT's recipe for the base set (spec §2): a red-team corpus's requests, sorted into the taxonomy, with
/// out-of-taxonomy requests and near-duplicates dropped, each category topped up to its size by the template
/// generator. Every row's <c>source</c> says which it came from.
/// </summary>
public static class CorpusBaseSet
{
    /// <summary>The <c>source</c> of generated rows.</summary>
    public const string TemplateSource = "template";

    /// <summary>
    /// The base set in taxonomy order, ids from 0: within each category, the corpus's requests in corpus order
    /// (up to the category's size) and then template prompts, shuffled together by <paramref name="seed"/>.
    /// </summary>
    /// <param name="generator">The template generator; its sizes are the categories' sizes.</param>
    /// <param name="requests">The corpus's requests.</param>
    /// <param name="labels">Each request line's category, or <c>none</c>; every line must have one.</param>
    /// <param name="source">The corpus's name, written as the rows' <c>source</c>.</param>
    /// <param name="seed">The build's seed.</param>
    public static (IReadOnlyList<BenchmarkPrompt> Prompts, CorpusCounts Counts) Compose(
        BaseSetGenerator generator, IReadOnlyList<CorpusRequest> requests, IReadOnlyDictionary<int, string> labels,
        string source, long seed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byCategory = new Dictionary<string, List<CorpusRequest>>(StringComparer.Ordinal);
        int outside = 0, duplicates = 0, overSize = 0;
        foreach (var request in requests)
        {
            if (!labels.TryGetValue(request.Line, out var label))
                throw new AlertException($"corpus line {request.Line} has no label");
            if (label == "none" || request.Text.Length == 0)
            {
                outside++;
                continue;
            }
            if (!seen.Add(BaseSetGenerator.NearDuplicateKey(request.Text)))
            {
                duplicates++;
                continue;
            }
            if (!byCategory.TryGetValue(label, out var list))
                byCategory[label] = list = [];
            if (list.Count >= generator.Sizes[label])
            {
                overSize++;
                continue;
            }
            list.Add(request);
        }
        var result = new List<BenchmarkPrompt>(generator.Sizes.Values.Sum());
        var categories = AlertTaxonomy.Default.Categories.Select(c => c.Label).Where(generator.Sizes.ContainsKey);
        foreach (var category in categories)
        {
            var taken = byCategory.GetValueOrDefault(category, []);
            var rows = taken
                .Select(r => (Text: r.Text, Extra: new JsonObject { ["source"] = source, ["corpus_line"] = r.Line }))
                .ToList();
            foreach (var text in generator.Generate(category, generator.Sizes[category] - taken.Count, seed, seen))
                rows.Add((text, new JsonObject { ["source"] = TemplateSource }));
            SeededRandom.For(seed, "mix/" + category).Shuffle(rows);
            foreach (var (text, extra) in rows)
                result.Add(new BenchmarkPrompt(result.Count, category, InstructionFrame.Wrap(text)) { Extra = extra });
        }
        var kept = byCategory.Values.Sum(l => l.Count);
        return (result, new CorpusCounts(requests.Count, outside, duplicates, overSize, kept));
    }

    /// <summary>Rows per category for each <c>source</c> (rows without one count as <c>template</c>).</summary>
    public static SortedDictionary<string, SortedDictionary<string, int>> CountBySource(
        IEnumerable<BenchmarkPrompt> prompts)
    {
        var counts = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var p in prompts)
        {
            var source = p.Extra?["source"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : TemplateSource;
            if (!counts.TryGetValue(source, out var perCategory))
                counts[source] = perCategory = new SortedDictionary<string, int>(StringComparer.Ordinal);
            perCategory[p.Category] = perCategory.GetValueOrDefault(p.Category) + 1;
        }
        return counts;
    }
}
