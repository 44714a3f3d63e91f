using System.Text.Json.Nodes;

namespace Alert.Judges.Embedded;

/// <summary>
/// Trains (distils) an embedded judge from labelled pairs, reporting grouped cross-validated agreement:
/// rows of one group (a behaviour, a goal, a source) never sit on both sides of a split, which is what
/// predicts agreement on new data.
/// </summary>
public sealed class EmbeddedJudgeTrainer(JudgeFeatures features) : IDisposable
{
    /// <summary>A trainer on the shipped judge's features (the shipped response encoder), which it owns.</summary>
    public EmbeddedJudgeTrainer(TextEmbedder embedder)
        : this(new JudgeFeatures(embedder))
    {
    }

    /// <summary>The features the trainer fits heads on.</summary>
    public JudgeFeatures Features { get; } = features;

    /// <inheritdoc />
    public void Dispose() => Features.Dispose();

    /// <summary>The full reading's features of each row.</summary>
    public float[][] Featurize(IReadOnlyList<LabelledPair> rows, CancellationToken cancellationToken = default) =>
        Features.Compute(rows.Select(r => (r.Prompt, r.Response)).ToArray(), cancellationToken);

    /// <summary>The early reading's features (the last chunk of each response alone), for <see
    /// cref="EmbeddedJudgeModel.EarlyHead"/>.</summary>
    public float[][] FeaturizeEarly(IReadOnlyList<LabelledPair> rows, CancellationToken cancellationToken = default) =>
        Features.Compute(rows.Select(r => (r.Prompt, r.Response)).ToArray(), 1, cancellationToken);

    /// <param name="rows">Labelled pairs.</param>
    /// <param name="x">Their features (<see cref="Featurize"/>).</param>
    /// <param name="options">Training options.</param>
    /// <param name="xEarly">Their early-reading features (<see cref="FeaturizeEarly"/>), for an early-exit head; null
    /// for none.</param>
    public TrainingResult Train(IReadOnlyList<LabelledPair> rows, float[][] x, TrainingOptions options,
        float[][]? xEarly = null)
    {
        if (rows.Count < 10 || rows.All(r => r.Unsafe) || rows.All(r => !r.Unsafe))
            throw new AlertException(
                $"training needs at least 10 rows with both safe and unsafe labels (got {rows.Count})");
        var y = rows.Select(r => r.Unsafe ? 1 : 0).ToArray();
        var priors = options.RefusalPrior is { } fixedPrior ? [fixedPrior] : TrainingOptions.RefusalPriors;
        var byPrior = CrossValidate(rows, x, options, priors);
        // Ties go to the smaller prior (listed first).
        var best = Enumerable.Range(0, priors.Length).MaxBy(k => byPrior[k].Accuracy);
        var cv = byPrior[best];
        var head = LogisticRegression.Train(x, y, options.L2, options.Epochs);
        var model = new EmbeddedJudgeModel
        {
            Name = options.Name,
            Head = head,
            Mlp = options.Hidden > 0 ? TrainMlp(x, y, options) : null,
            RefusalPrior = (float)priors[best],
            EarlyHead = xEarly is null ? null : LogisticRegression.Train(xEarly, y, options.L2, options.Epochs),
            EarlyExitMargin = (float)options.EarlyExitMargin,
            TrainedFrom = options.TrainedFrom,
            TrainingRows = rows.Count,
        };
        var training = Score(model, rows, x, Enumerable.Range(0, rows.Count));
        var metrics = new JsonObject
        {
            ["cross_validated"] = cv.ToJson(),
            ["folds"] = options.Folds,
            ["training"] = training.ToJson()
        };
        if (priors.Length > 1)
            metrics["cross_validated_by_refusal_prior"] =
                new JsonObject(priors.Select((p, k) =>
                KeyValuePair.Create(p.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
                (JsonNode?)Math.Round(byPrior[k].Accuracy, 4))));
        return new TrainingResult(model with { Metrics = metrics }, cv, training);
    }

    /// <summary>Grouped cross-validated agreement for each refusal prior (one head per fold, scored with each
    /// prior).</summary>
    public static JudgeMetrics[] CrossValidate(IReadOnlyList<LabelledPair> rows, float[][] x, TrainingOptions options,
        IReadOnlyList<double> priors)
    {
        var folds = FoldOf(rows, options.Folds);
        var y = rows.Select(r => r.Unsafe ? 1 : 0).ToArray();
        var totals = priors.Select(_ => JudgeMetrics.Empty).ToArray();
        for (var f = 0; f < options.Folds; f++)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => folds[i] != f).ToArray();
            var test = Enumerable.Range(0, rows.Count).Where(i => folds[i] == f).ToArray();
            if (test.Length == 0 || train.Select(i => y[i]).Distinct().Count() < 2)
                continue;
            var model = Fit(train.Select(i => x[i]).ToArray(), train.Select(i => y[i]).ToArray(), options);
            for (var k = 0; k < priors.Count; k++)
                totals[k] += Score(model with { RefusalPrior = (float)priors[k] }, rows, x, test);
        }
        return totals;
    }

    /// <summary>
    /// A model with only the head that gives the verdict (the two-layer one alone when <see
    /// cref="TrainingOptions.Hidden"/>
    /// is set), as each cross-validation fold and the benches that refit a head fit it.
    /// </summary>
    internal static EmbeddedJudgeModel Fit(float[][] x, int[] y, TrainingOptions options) => options.Hidden > 0
        ? new EmbeddedJudgeModel { Name = "fold", Head = NoLinearHead, Mlp = TrainMlp(x, y, options) }
        : new EmbeddedJudgeModel { Name = "fold", Head = LogisticRegression.Train(x, y, options.L2, options.Epochs) };

    private static MlpHead TrainMlp(float[][] x, int[] y, TrainingOptions options) =>
        MlpHead.TrainAveraged(x, y, options.Seeds, options.Hidden, options.HiddenEpochs, options.HiddenL2);

    private static readonly LogisticRegression NoLinearHead = new() { Mean = [], Scale = [], Weights = [], Bias = 0 };

    /// <summary>Deterministic fold per row: by group when rows have one, else by position.</summary>
    public static int[] FoldOf(IReadOnlyList<LabelledPair> rows, int folds)
    {
        var groups = rows.Select((r, i) => r.Group ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct().ToList();
        var random = new Alert.Common.SeededRandom(17);
        random.Shuffle(groups);
        var fold = groups.Select((g, i) => (g, i % folds)).ToDictionary(t => t.g, t => t.Item2);
        return rows.Select((r, i) => fold[r.Group ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .ToArray();
    }

    private static JudgeMetrics Score(EmbeddedJudgeModel model, IReadOnlyList<LabelledPair> rows, float[][] x,
        IEnumerable<int> indices)
    {
        var m = JudgeMetrics.Empty;
        foreach (var i in indices)
            m = m.Add(rows[i].Unsafe, model.Predict(x[i]) >= model.Threshold ? Verdict.Unsafe : Verdict.Safe);
        return m;
    }
}
