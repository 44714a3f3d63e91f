using Alert.Benchmark.Generation;
using Alert.Classification;
using Alert.Taxonomy;

namespace Alert.Bench;

/// <summary>
/// Whether template prompts still read as their own category: the taxonomy classifier's macro for template
/// prompts generated with another seed than the build's (the classifier's exemplars come from the default
/// build, so its own rows would be found verbatim), per macro. Prompts that are also in the default build
/// are left out.
/// </summary>
internal static class TemplateMacroAgreement
{
    private const int PerCategory = 12;
    private const long OtherSeed = 7;

    public static void Run()
    {
        var generator = new BaseSetGenerator();
        var taxonomy = AlertTaxonomy.Default;
        var inBuild = new HashSet<string>(
            generator.Generate(BuildOptions.DefaultSeed).Select(p => BaseSetGenerator.NearDuplicateKey(p.Text)),
            StringComparer.Ordinal);
        var rows = new List<(string Macro, string Text)>();
        foreach (var category in taxonomy.Categories)
        {
            var seen = new HashSet<string>(inBuild, StringComparer.Ordinal);
            rows.AddRange(generator.Generate(category.Label, PerCategory, OtherSeed, seen)
                .Select(t => (category.Macro, t)));
        }
        using var classifier = new TaxonomyClassifier();
        var results = classifier.ClassifyAsync(rows.Select(r => r.Text).ToList()).GetAwaiter().GetResult();
        var total = 0;
        Console.WriteLine($"template rows the taxonomy classifier puts in their own macro ({PerCategory} per " +
            $"category, seed {OtherSeed}, none in the default build):");
        foreach (var macro in rows.Select(r => r.Macro).Distinct().Order(StringComparer.Ordinal))
        {
            var idx = Enumerable.Range(0, rows.Count).Where(i => rows[i].Macro == macro).ToList();
            var same = idx.Count(i => results[i].Macro == macro);
            var none = idx.Count(i => results[i].Category == Classification.Classification.None);
            total += same;
            Console.WriteLine(
                $"  {macro,-10} {same,3}/{idx.Count,-3} {100.0 * same / idx.Count,5:0.0}%  (none {none})");
        }
        Console.WriteLine($"  all        {total,3}/{rows.Count,-3} {100.0 * total / rows.Count,5:0.0}%");
    }
}
