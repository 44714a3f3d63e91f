using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Benchmark.Generation;

namespace Alert.Classification;

/// <summary>
/// ALERT's construction (spec §2) applied to any red-team corpus: classify every prompt, drop what is
/// outside the taxonomy, drop near-duplicates (the builder's rule: same words after lower-casing and removing
/// punctuation), and top
/// up categories below a minimum with the template generator. Rows keep <c>source</c>: <c>corpus</c> or
/// <c>template</c>.
/// </summary>
public static class CorpusBenchmark
{
    /// <summary>Builds a base set from a corpus of requests by classifying them into the taxonomy.</summary>
    public static async Task<(IReadOnlyList<BenchmarkPrompt> Base, CorpusReport Report)> BuildBaseAsync(
        IReadOnlyList<string> texts, ICategoryClassifier classifier, int minPerCategory, long seed,
            CancellationToken cancellationToken = default)
    {
        var results = await classifier.ClassifyAsync(texts, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<BenchmarkPrompt>();
        int outside = 0, duplicates = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            if (results[i].Category == Classification.None)
            {
                outside++;
                continue;
            }
            if (!seen.Add(BaseSetGenerator.NearDuplicateKey(texts[i])))
            {
                duplicates++;
                continue;
            }
            rows.Add(new BenchmarkPrompt(rows.Count, results[i].Category, InstructionFrame.Wrap(texts[i].Trim()))
            {
                Extra = new JsonObject
                {
                    ["source"] = "corpus",
                    ["confidence"] = results[i].Confidence,
                    ["stage"] = results[i].Stage
                },
            });
        }
        var kept = rows.Count;
        var topped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var counts = rows.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count());
        var generated = new BaseSetGenerator().Generate(seed);
        foreach (var category in Taxonomy.AlertTaxonomy.Default.Categories)
        {
            var missing = minPerCategory - counts.GetValueOrDefault(category.Label);
            foreach (var template in generated.Where(p => p.Category == category.Label))
            {
                if (missing <= 0)
                    break;
                if (!seen.Add(BaseSetGenerator.NearDuplicateKey(template.Text)))
                    continue;
                rows.Add(new BenchmarkPrompt(rows.Count, category.Label,
                    template.Prompt)
                { Extra = new JsonObject { ["source"] = "template" } });
                topped[category.Label] = topped.GetValueOrDefault(category.Label) + 1;
                missing--;
            }
        }
        return (rows, new CorpusReport(texts.Count, outside, duplicates, kept, topped));
    }
}
