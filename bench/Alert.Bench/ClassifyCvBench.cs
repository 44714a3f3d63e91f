using System.Diagnostics;
using Alert.Benchmark.Generation;
using Alert.Classification;
using Alert.Taxonomy;

namespace Alert.Bench;

/// <summary>
/// The taxonomy classifier on the hand-labelled HH-RLHF corpus, cross-validated: five folds of consecutive
/// corpus lines; version 3's learned stage is trained without the fold it classifies (on the other four and
/// the template rows, <see cref="ClassifierTraining"/>), version 2 (not trained on the corpus) classifies every
/// line once. Prints micro, macro and in/out-of-taxonomy accuracy and each macro category's recall, then how
/// the stage rules change the figures.
/// </summary>
internal static class ClassifyCvBench
{
    private const int Folds = 5;

    public static async Task RunAsync(IReadOnlyList<double> otherL2)
    {
        var taxonomy = AlertTaxonomy.Default;
        var requests = HhRlhfCorpus.ReadRequests();
        var gold = HhRlhfCorpus.ReadLabels(taxonomy);
        var texts = requests.Select(r => r.Text).ToList();
        var labels = requests.Select(r => gold[r.Line]).ToList();
        using var classifier = new TaxonomyClassifier(null, 0);
        var clock = Stopwatch.StartNew();
        var readings = classifier.Read(texts, default);
        var support = ClassifierTraining.SupportRows(taxonomy);
        var supportReadings = classifier.Read(support.Select(s => s.Text).ToList(), default);
        Console.WriteLine($"read {texts.Count} corpus and {support.Count} template/written rows in " +
            $"{clock.Elapsed.TotalSeconds:0.0}s");
        var v2 = (await classifier.ClassifyAsync(texts)).Select(c => c.Category).ToList();

        var (v3, probabilities, model) = CrossValidate(classifier, texts, labels, readings, support,
            supportReadings, ClassifierTraining.L2, log: true);
        var scores = new[] { ("v2", Score(labels, v2, taxonomy)), ("v3", Score(labels, v3, taxonomy)) };
        Console.WriteLine($"{"5-fold CV, " + texts.Count + " lines",-28} {"v2",8} {"v3",8}");
        foreach (var key in scores[0].Item2.Keys)
            Console.WriteLine($"{key,-28} {scores[0].Item2[key],7:0.0}% {scores[1].Item2[key],7:0.0}%");

        // The stage rules, measured: learned alone, keywords when unsure, the guard's override of none, and a
        // floor: unsure, no keywords and p_harmful below it is none.
        var classes = model.Classes;
        foreach (var (unsure, sure, floor) in new[] { (0.0, 1.1, 0.0), (0.5, 1.1, 0.0), (0.5, 0.95, 0.0),
            (0.5, 0.9, 0.0), (0.5, 0.8, 0.0), (0.5, 0.9, 0.05), (0.5, 0.9, 0.1), (0.5, 0.9, 0.2), (0.5, 0.9, 0.3) })
        {
            var decided = texts.Select((_, i) => Rule(readings[i], probabilities[i], classes, unsure, sure, floor))
                .ToList();
            var s = Score(labels, decided, taxonomy);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  keywords below {unsure:0.0}, guard from {sure:0.00}, floor {floor:0.00}: ") + string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"micro {s["micro"]:0.0}%, macro {s["macro"]:0.0}%, " +
                $"in/out {s["in/out of taxonomy"]:0.0}%, none recall {s[NoneRecall(s)]:0.0}%"));
        }
        foreach (var l2 in otherL2)
        {
            var (decided, _, _) = CrossValidate(classifier, texts, labels, readings, support, supportReadings, l2,
                log: false);
            var s = Score(labels, decided, taxonomy);
            Console.WriteLine(FormattableString.Invariant($"  L2 {l2}: ") + string.Join(", ",
                s.Select(kv => FormattableString.Invariant($"{kv.Key} {kv.Value:0.0}%"))));
        }
    }

    private static (string[] Decided, double[][] Probabilities, ClassifierModel Model) CrossValidate(
        TaxonomyClassifier classifier, List<string> texts, List<string> labels, IReadOnlyList<PromptReading> readings,
        List<(string Text, string Label)> support, IReadOnlyList<PromptReading> supportReadings, double l2, bool log)
    {
        var taxonomy = AlertTaxonomy.Default;
        var decided = new string[texts.Count];
        var probabilities = new double[texts.Count][];
        ClassifierModel? model = null;
        var clock = Stopwatch.StartNew();
        for (var fold = 0; fold < Folds; fold++)
        {
            clock.Restart();
            var held = Enumerable.Range(0, texts.Count).Where(i => i * Folds / texts.Count == fold).ToList();
            var train = Enumerable.Range(0, texts.Count).Where(i => i * Folds / texts.Count != fold).ToList();
            model = ClassifierTraining.Train(
                [.. train.Select(i => readings[i].Features), .. supportReadings.Select(r => r.Features)],
                [.. train.Select(i => labels[i]), .. support.Select(s => s.Label)],
                [.. train.Select(_ => 1.0), .. support.Select(_ => ClassifierTraining.TemplateWeight)], taxonomy,
                l2: l2);
            foreach (var i in held)
            {
                decided[i] = classifier.Decide(texts[i], readings[i], model, 0).Category;
                probabilities[i] = model.Head.Probabilities(readings[i].Features);
            }
            if (log)
                Console.WriteLine($"  fold {fold + 1}: trained on {train.Count} + {support.Count} rows in " +
                    $"{clock.Elapsed.TotalSeconds:0.0}s");
        }
        return (decided, probabilities, model!);
    }

    private static string NoneRecall(Dictionary<string, double> scores) =>
        scores.Keys.First(k => k.StartsWith("recall none", StringComparison.Ordinal));

    private static string Rule(PromptReading r, double[] p, string[] classes, double unsure, double sure,
        double floor)
    {
        if (r.Outside is not null)
            return Classification.Classification.None;
        var best = Array.IndexOf(p, p.Max());
        if (p[best] < unsure && r.Hits.Count == 0 && r.Harm < floor)
            return Classification.Classification.None;
        if (p[best] < unsure && r.Hits.Count == 1)
            return r.Hits[0];
        if (classes[best] == Classification.Classification.None && r.Harm >= sure)
            return classes[Enumerable.Range(0, p.Length).Where(c => classes[c] != Classification.Classification.None)
                .MaxBy(c => p[c])];
        return classes[best];
    }

    /// <summary>Micro, macro, in/out-of-taxonomy accuracy and per-macro recall (percent).</summary>
    public static Dictionary<string, double> Score(
        IReadOnlyList<string> gold, IReadOnlyList<string> got, AlertTaxonomy taxonomy)
    {
        string Macro(string label) => label == "none" ? "none" : taxonomy.Resolve(label).Macro;
        var n = gold.Count;
        var result = new Dictionary<string, double>
        {
            ["micro"] = 100.0 * gold.Zip(got).Count(p => p.First == p.Second) / n,
            ["macro"] = 100.0 * gold.Zip(got).Count(p => Macro(p.First) == Macro(p.Second)) / n,
            ["in/out of taxonomy"] = 100.0 * gold.Zip(got).Count(p => (p.First == "none") == (p.Second == "none")) / n,
        };
        // As ALERT's prompts are measured: only the lines that have a category.
        var inside = gold.Zip(got).Where(p => p.First != "none").ToList();
        result[$"micro, {inside.Count} with a category"] =
            100.0 * inside.Count(p => p.First == p.Second) / inside.Count;
        result[$"macro, {inside.Count} with a category"] =
            100.0 * inside.Count(p => Macro(p.First) == Macro(p.Second)) / inside.Count;
        foreach (var macro in taxonomy.Macros.Select(m => m.Id).Append("none"))
        {
            var rows = Enumerable.Range(0, n).Where(i => Macro(gold[i]) == macro).ToList();
            result[$"recall {macro} ({rows.Count})"] = 100.0 * rows.Count(i => Macro(got[i]) == macro) / rows.Count;
        }
        return result;
    }
}
