using Alert.Benchmark;
using Alert.Benchmark.Generation;
using Alert.Taxonomy;

namespace Alert.Bench;

/// <summary>
/// Transfer to human red-team requests the model has not seen: naive Bayes (as <see cref="MacroTransferBench"/>)
/// trained on the built base set without one fold of the shipped corpus's rows, tested on that fold's
/// hand-labelled requests that have a category (as ALERT's prompts all do). Five folds of consecutive corpus
/// lines. The closest figure this repository can give to the issue's outside measure (real ALERT prompts that are
/// not in the corpus); the templates-only set, tested on every labelled request, shows what the templates alone
/// carry. ALERT's substance, weapon, tax and fake-news categories are partly template grids of its own
/// (<see cref="GridProbes"/>): the set trained on everything is also tested on requests of that shape.
/// </summary>
internal static class CorpusTransferBench
{
    private const int Folds = 5;

    public static void Run()
    {
        var taxonomy = AlertTaxonomy.Default;
        var labels = HhRlhfCorpus.ReadLabels();
        var lines = HhRlhfCorpus.ReadRequests().Count;
        var requests = HhRlhfCorpus.ReadRequests().Where(r => labels[r.Line] != "none").ToList();
        var built = new BenchmarkBuilder().Build(new BuildOptions { PerAttack = 1 }).Base;
        int FoldOf(int line) => (line - 1) * Folds / lines;

        var predictions = new List<(string Truth, string Predicted)>();
        for (var f = 0; f < Folds; f++)
        {
            var training = built.Where(p => CorpusLine(p) is not { } l || FoldOf(l) != f);
            var model = NaiveBayes.Train(training.Select(p => (p.Text, p.Category)));
            predictions.AddRange(requests.Where(r => FoldOf(r.Line) == f)
                .Select(r => (labels[r.Line], model.Predict(r.Text))));
        }
        Print($"built base set without the fold -> the fold's {requests.Count} hand-labelled corpus requests "
            + $"({Folds} folds)", predictions, built, taxonomy);

        var everything = NaiveBayes.Train(built.Select(p => (p.Text, p.Category)));
        Print("built base set -> requests in the shape of ALERT's own template grids",
            GridProbes.All().Select(g => (g.Category, everything.Predict(g.Text))).ToList(), built, taxonomy,
            weighted: false);

        var templates = new BenchmarkBuilder().Build(new BuildOptions { PerAttack = 1, TemplatesOnly = true }).Base;
        var onlyTemplates = NaiveBayes.Train(templates.Select(p => (p.Text, p.Category)));
        Print($"templates-only base set -> all {requests.Count} hand-labelled corpus requests",
            requests.Select(r => (labels[r.Line], onlyTemplates.Predict(r.Text))).ToList(), built, taxonomy);
    }

    private static int? CorpusLine(BenchmarkPrompt p) => (int?)p.Extra?["corpus_line"];

    private static void Print(string title, List<(string Truth, string Predicted)> predictions,
        IReadOnlyList<BenchmarkPrompt> built, AlertTaxonomy taxonomy, bool weighted = true)
    {
        string Macro(string label) => taxonomy.Resolve(label).Macro;
        var micro = predictions.Count(p => p.Truth == p.Predicted);
        var macro = predictions.Count(p => Macro(p.Truth) == Macro(p.Predicted));
        Console.WriteLine(FormattableString.Invariant(
            $"naive Bayes, {title}: macro {100.0 * macro / predictions.Count:0.0}%, ")
            + FormattableString.Invariant($"micro {100.0 * micro / predictions.Count:0.0}%"));
        // The corpus is mostly crime; ALERT is not. Recall per macro weighted by the built set's macro sizes
        // (ALERT's shape, spec §1) says what the same recalls would give on ALERT's mix.
        var weightedRecall = 0.0;
        foreach (var g in predictions.GroupBy(p => Macro(p.Truth)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var recall = (double)g.Count(p => Macro(p.Predicted) == g.Key) / g.Count();
            var share = built.Count(p => Macro(p.Category) == g.Key) / (double)built.Count;
            weightedRecall += recall * share;
            var to = g.GroupBy(p => Macro(p.Predicted)).OrderByDescending(x => x.Count())
                .Select(x => $"{x.Key} {x.Count()}");
            Console.WriteLine(FormattableString.Invariant($"  {g.Key,-10} recall {100 * recall,5:0.0}% of ")
                + $"{g.Count(),4}, predicted {string.Join(", ", to)}");
        }
        if (weighted)
            Console.WriteLine(FormattableString.Invariant(
                $"  macro recall weighted by ALERT's macro shape: {100 * weightedRecall:0.0}%"));
    }
}
