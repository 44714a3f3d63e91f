using System.Text.Json.Nodes;
using Alert.Benchmark.Generation;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>
/// How the learned stage is trained (tools/Alert.Training classifier; bench classify-cv retrains it per fold):
/// the hand-labelled HH-RLHF corpus at full weight, plus, at <see cref="TemplateWeight"/>, the first
/// <see cref="TemplatesPerCategory"/> template prompts of each category (they fill the categories the corpus
/// hardly has) and the written <c>none</c> exemplars (<c>data/classify/none-exemplars.txt</c>). (The benign
/// look-alikes of <c>data/benchmark/benign.txt</c> as more <c>none</c> rows were tried: 15 per category cost
/// 1.5 points of cross-validated micro accuracy and 1.8 of macro.)
/// </summary>
internal static class ClassifierTraining
{
    /// <summary>Template prompts per category.</summary>
    public const int TemplatesPerCategory = 80;
    /// <summary>A template or written row's weight in the loss; a hand-labelled corpus row counts 1.</summary>
    public const double TemplateWeight = 0.3;
    /// <summary>The weight penalty.</summary>
    public const double L2 = 0.01;
    /// <summary>The seed of the template sample.</summary>
    public const long Seed = BuildOptions.DefaultSeed;

    /// <summary>The classes in model order: the taxonomy's micro labels, then <c>none</c>.</summary>
    public static string[] Classes(AlertTaxonomy taxonomy) =>
        [.. taxonomy.Categories.Select(c => c.Label), Classification.None];

    /// <summary>The template and written rows (text, label), in taxonomy order.</summary>
    public static List<(string Text, string Label)> SupportRows(AlertTaxonomy taxonomy)
    {
        var generator = new BaseSetGenerator();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(string, string)>();
        foreach (var c in taxonomy.Categories)
            rows.AddRange(generator.Generate(c.Label, TemplatesPerCategory, Seed, seen).Select(t => (t, c.Label)));
        rows.AddRange(DataFiles.ReadLines("classify/none-exemplars.txt")
            .Select(t => (t, Classification.None)));
        return rows;
    }

    /// <summary>Trains the softmax on labelled rows (features from <see cref="TaxonomyClassifier"/>), each with
    /// its weight.</summary>
    public static ClassifierModel Train(IReadOnlyList<float[]> x, IReadOnlyList<string> labels,
        IReadOnlyList<double> weights, AlertTaxonomy taxonomy, string trainedFrom = "", JsonObject? metrics = null,
        double l2 = L2)
    {
        var classes = Classes(taxonomy);
        var index = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i, StringComparer.Ordinal);
        var head = SoftmaxRegression.Train(x, labels.Select(l => index[l]).ToList(), weights, classes.Length, l2);
        return new ClassifierModel
        {
            Name = TaxonomyClassifier.Version,
            Classes = classes,
            Head = head,
            TrainedFrom = trainedFrom,
            TrainingRows = x.Count,
            Metrics = metrics ?? [],
        };
    }
}
