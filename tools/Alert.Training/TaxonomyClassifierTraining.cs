using System.Text.Json.Nodes;
using Alert.Benchmark.Generation;
using Alert.Classification;
using Alert.Taxonomy;

namespace Alert.Training;

/// <summary>
/// Trains the taxonomy classifier's learned stage (version 3) on the hand-labelled HH-RLHF corpus
/// (<c>data/benchmark/hh-rlhf/labels.tsv</c>) plus the template and written rows of <see
/// cref="ClassifierTraining"/>, and writes <c>data/judges/taxonomy-classifier-v3.json</c>. Nothing from
/// ../shared/datasets is read: HarmBench and XSTest stay measurement only (bench classify); the cross-validated
/// figures come from bench classify-cv.
/// </summary>
internal static class TaxonomyClassifierTraining
{
    public static async Task RunAsync(string? outPath)
    {
        var taxonomy = AlertTaxonomy.Default;
        var requests = HhRlhfCorpus.ReadRequests();
        var gold = HhRlhfCorpus.ReadLabels(taxonomy);
        var support = ClassifierTraining.SupportRows(taxonomy);
        using var classifier = new TaxonomyClassifier(null, 0);
        var corpus = classifier.Read(requests.Select(r => r.Text).ToList(), default);
        var extra = classifier.Read(support.Select(s => s.Text).ToList(), default);
        var labels = requests.Select(r => gold[r.Line]).Concat(support.Select(s => s.Label)).ToList();
        var model = ClassifierTraining.Train(
            [.. corpus.Select(r => r.Features), .. extra.Select(r => r.Features)], labels,
            [.. corpus.Select(_ => 1.0), .. extra.Select(_ => ClassifierTraining.TemplateWeight)], taxonomy,
            $"the {requests.Count} first human turns of data/{HhRlhfCorpus.CorpusPath} with their hand labels " +
            $"(data/{HhRlhfCorpus.LabelsPath}, weight 1) + the first {ClassifierTraining.TemplatesPerCategory} " +
            $"template prompts of each category (seed {ClassifierTraining.Seed}) and " +
            "data/classify/none-exemplars.txt " +
            $"(weight {ClassifierTraining.TemplateWeight}); L2 {ClassifierTraining.L2}; by tools/Alert.Training " +
            "classifier");
        var right = requests.Select((r, i) => classifier.Decide(r.Text, corpus[i], model, 0).Category == gold[r.Line])
            .Count(ok => ok);
        var training = Math.Round(100.0 * right / requests.Count, 1);
        model = model with
        {
            Metrics = new JsonObject
            {
                ["corpus_micro_accuracy_trained_on"] = training,
                ["cross_validated"] = "bench classify-cv (docs/benchmark.md)",
            },
        };
        Console.WriteLine(
            $"trained on {labels.Count} rows; micro accuracy on the corpus it was trained on {training}%");
        if (outPath is null)
            return;
        await model.SaveAsync(outPath);
        Console.WriteLine($"wrote {outPath}");
    }
}
