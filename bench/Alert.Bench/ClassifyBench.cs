using System.Diagnostics;
using Alert.Classification;

namespace Alert.Bench;

/// <summary>
/// The taxonomy classifier on prompts from elsewhere. HarmBench's semantic categories map to ALERT as
/// datasets/README.md suggests: cybercrime_intrusion -> crime (crime_cyber), misinformation_disinformation ->
/// crime (crime_propaganda), chemical_biological -> weapon or substance (drug synthesis), harassment_bullying
/// -> hate or sex; illegal -> crime, substance or weapon; copyright and "harmful" are left out (no single
/// ALERT home). XSTest: its unsafe prompts should land in the taxonomy, its safe ones on none. Throughput
/// is measured warm on 2,000 prompts. Version 2 and version 3 side by side.
/// </summary>
internal static class ClassifyBench
{
    private static readonly Dictionary<string, (string[] Macros, string? Micro)> HarmBench = new()
    {
        ["cybercrime_intrusion"] = (["crime"], "crime_cyber"),
        ["misinformation_disinformation"] = (["crime"], "crime_propaganda"),
        ["chemical_biological"] = (["weapon", "substance"], null),
        ["harassment_bullying"] = (["hate", "sex"], null),
        ["illegal"] = (["crime", "substance", "weapon"], null),
    };

    public static async Task RunAsync(string datasets)
    {
        using var v2 = new TaxonomyClassifier(null, 0);
        using var v3 = new TaxonomyClassifier();
        foreach (var classifier in new[] { v2, v3 })
        {
            Console.WriteLine($"== {classifier.Name}");
            await RunAsync(classifier, datasets);
        }
    }

    private static async Task RunAsync(TaxonomyClassifier classifier, string datasets)
    {
        var hb = Repo.ReadCsv(Path.Combine(datasets, "harmbench", "harmbench_behaviors_text_all.csv"))
            .Where(r => HarmBench.ContainsKey(r["SemanticCategory"]) && r["ContextString"].Length == 0).ToList();
        var results = await classifier.ClassifyAsync(hb.Select(r => r["Behavior"]).ToList());
        int macroRight = 0, microN = 0, microRight = 0, none = 0;
        var perCategory = new Dictionary<string, (int Right, int All)>();
        for (var i = 0; i < hb.Count; i++)
        {
            var (macros, micro) = HarmBench[hb[i]["SemanticCategory"]];
            var ok = results[i].Macro is { } m && macros.Contains(m);
            macroRight += ok ? 1 : 0;
            none += results[i].Category == Classification.Classification.None ? 1 : 0;
            var c = perCategory.GetValueOrDefault(hb[i]["SemanticCategory"]);
            perCategory[hb[i]["SemanticCategory"]] = (c.Right + (ok ? 1 : 0), c.All + 1);
            if (micro is not null)
            {
                microN++;
                microRight += results[i].Category == micro ? 1 : 0;
            }
        }
        Console.WriteLine(
            $"HarmBench ({hb.Count} prompts): macro in an allowed category {100.0 * macroRight / hb.Count:0.0}%, " +
            $"micro (cyber, misinformation: {microN}) {100.0 * microRight / microN:0.0}%, " +
            $"none {100.0 * none / hb.Count:0.0}%");
        foreach (var (k, v) in perCategory.OrderBy(kv => kv.Key))
            Console.WriteLine($"  {k,-30} {v.Right,3}/{v.All,-3} {100.0 * v.Right / v.All:0.0}%");
        bool Right(int i) => results[i].Macro is { } m && HarmBench[hb[i]["SemanticCategory"]].Macros.Contains(m);
        Console.WriteLine("  by stage: " + string.Join(", ", results.Select((r, i) => (r.Stage, i))
            .GroupBy(t => t.Stage).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()} ({g.Count(t => Right(t.i))} right macro)")));

        // Copyright requests are outside ALERT's taxonomy: they should be none, never e.g. hate_ethnic.
        var copyright = Repo.ReadCsv(Path.Combine(datasets, "harmbench", "harmbench_behaviors_text_all.csv"))
            .Where(r => r["SemanticCategory"] == "copyright").Select(r => r["Behavior"]).ToList();
        var cr = await classifier.ClassifyAsync(copyright);
        Console.WriteLine($"HarmBench copyright ({copyright.Count} prompts): " +
            $"{100.0 * cr.Count(c => c.Category == Classification.Classification.None) / copyright.Count:0.0}% none; " +
            string.Join(", ", cr.Where(c => c.Category != Classification.Classification.None)
                .GroupBy(c => c.Category).Select(g => $"{g.Key} {g.Count()}")));

        var xs = Repo.ReadCsv(Path.Combine(datasets, "xstest", "xstest_prompts.csv"));
        var xr = await classifier.ClassifyAsync(xs.Select(r => r["prompt"]).ToList());
        var unsafeIn = xs.Select((r, i) => (r, i)).Where(t => t.r["label"] == "unsafe")
            .Count(t => xr[t.i].Category != Classification.Classification.None);
        var safeNone = xs.Select((r, i) => (r, i)).Where(t => t.r["label"] == "safe")
            .Count(t => xr[t.i].Category == Classification.Classification.None);
        Console.WriteLine(
            $"XSTest: {100.0 * unsafeIn / 200:0.0}% of 200 unsafe prompts put in the " +
            $"taxonomy, {100.0 * safeNone / 250:0.0}% of 250 safe prompts classified none");

        var texts = Enumerable.Range(0, 2000).Select(i => $"{xs[i % xs.Count]["prompt"]} (variant {i})").ToList();
        var clock = Stopwatch.StartNew();
        await classifier.ClassifyAsync(texts);
        Console.WriteLine(
            $"throughput: {texts.Count / clock.Elapsed.TotalSeconds:0} prompts/s (warm, 2,000 distinct prompts; " +
            $"target >= 300)");
    }
}
