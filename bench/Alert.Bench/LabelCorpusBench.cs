using System.Globalization;
using System.Text;
using Alert.Benchmark.Generation;
using Alert.Classification;

namespace Alert.Bench;

/// <summary>
/// Labels the shipped HH-RLHF corpus with the taxonomy classifier and writes
/// <c>data/benchmark/hh-rlhf/labels.tsv</c> (what <c>alert build</c> reads), then prints counts per category
/// and stage and the agreement with the hand-labelled sample <c>hand-check.tsv</c>.
/// </summary>
internal static class LabelCorpusBench
{
    public static async Task RunAsync()
    {
        var requests = HhRlhfCorpus.ReadRequests();
        using var classifier = new TaxonomyClassifier();
        var results = await classifier.ClassifyAsync(requests.Select(r => r.Text).ToList());
        var sb = new StringBuilder();
        sb.Append("# Taxonomy labels of the first human turns of harmless-base-test.jsonl.gz, one per corpus line,\n");
        sb.Append(CultureInfo.InvariantCulture, $"# made by {classifier.Name} ");
        sb.Append("(dotnet run -c Release --project bench/Alert.Bench -- label-corpus);\n");
        sb.Append("# 'none': outside the taxonomy. How they were checked: docs/benchmark.md.\n");
        sb.Append(CultureInfo.InvariantCulture, $"# corpus sha256 {HhRlhfCorpus.Sha256}\n");
        for (var i = 0; i < requests.Count; i++)
            sb.Append(CultureInfo.InvariantCulture, $"{requests[i].Line}\t{results[i].Category}\t{results[i].Stage}\n");
        var path = Path.Combine(Repo.Root, "data", "benchmark", "hh-rlhf", "labels.tsv");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"wrote {path}: {requests.Count} labels");
        foreach (var g in results.GroupBy(r => r.Stage).OrderBy(g => g.Key, StringComparer.Ordinal))
            Console.WriteLine($"  stage {g.Key,-16} {g.Count(),5}");
        foreach (var g in results.GroupBy(r => r.Category).OrderByDescending(g => g.Count()))
            Console.Write($"{g.Key} {g.Count()}; ");
        Console.WriteLine();
        HandCheck(requests, results);
    }

    private static void HandCheck(
        IReadOnlyList<CorpusRequest> requests, IReadOnlyList<Classification.Classification> results)
    {
        var path = Path.Combine(Repo.Root, "data", "benchmark", "hh-rlhf", "hand-check.tsv");
        if (!File.Exists(path))
            return;
        var byLine = requests.Select((r, i) => (r.Line, i)).ToDictionary(t => t.Line, t => t.i);
        int n = 0, micro = 0, macro = 0, gate = 0;
        var taxonomy = Alert.Taxonomy.AlertTaxonomy.Default;
        foreach (var row in File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = row.Split('\t');
            var got = results[byLine[int.Parse(parts[0], CultureInfo.InvariantCulture)]].Category;
            var want = parts[1];
            n++;
            micro += got == want ? 1 : 0;
            gate += (got == "none") == (want == "none") ? 1 : 0;
            macro += got == want || (got != "none" && want != "none"
                && taxonomy.Resolve(got).Macro == taxonomy.Resolve(want).Macro) ? 1 : 0;
        }
        Console.WriteLine($"hand-checked sample ({n} prompts): micro {100.0 * micro / n:0.0}%, " +
            $"macro {100.0 * macro / n:0.0}%, " +
            $"in/out of taxonomy {100.0 * gate / n:0.0}%");
    }
}
