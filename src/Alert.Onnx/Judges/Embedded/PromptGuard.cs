using System.Globalization;
using Alert.Plugins;

namespace Alert.Judges.Embedded;

/// <summary>
/// The in-process input guard: is a request harmful? A logistic head on the MiniLM embedding of the
/// request, trained by <c>scripts/train-prompt-guard.sh</c> on harmful requests (the built base set and
/// public harmful-behaviour sets) against the benign look-alikes. The shipped guard (v3) reads MiniLM with its
/// top two layers fine-tuned on that data; the v1 head on frozen embeddings (<c>data/judges/prompt-guard-v1.json</c>)
/// stays as a feature of the embedded judges and the gate of the taxonomy classifier.
/// As a safety judge it judges the prompt and ignores the response.
/// </summary>
public sealed class PromptGuard : ISafetyJudge, IPromptJudge
{
    /// <summary><c>prompt-guard</c>, <c>prompt-guard:MODEL.json</c>.</summary>
    [AlertPlugin(Order = 20)]
    public static JudgeKind Kind { get; } = new("prompt-guard", "prompt-guard[:MODEL.json]",
        "The in-process judge of requests (a guard's input check)",
        (model, _) => model.Length == 0 ? LoadDefault() : new PromptGuard(EmbeddedJudgeModel.Load(model, FeatureSet)));

    /// <summary>The head on frozen MiniLM embeddings (v1): the judge's prompt feature and the classifier's gate read
    /// it.</summary>
    public const string FeatureSet = "minilm-prompt-v1";
    /// <summary>The prompt guard's head on frozen embeddings (a feature of the response judge).</summary>
    public const string DefaultPath = "judges/prompt-guard-v1.json";
    /// <summary>The guard itself (v3): MiniLM with its top two layers fine-tuned on the same data (<see
    /// cref="TunedMiniLM"/>) and its own head.</summary>
    public const string TunedFeatureSet = "minilm-tuned-l4-l5-prompt-v3";
    /// <summary>The shipped prompt guard's head (<c>prompt-guard</c>).</summary>
    public const string TunedPath = "judges/prompt-guard-v3.json";
    /// <summary>The shipped prompt guard's tuned layers.</summary>
    public const string TunedLayerPath = "judges/prompt-guard-v3.layer.bin";
    private const int MaxWords = 64;
    private readonly TextEmbedder _embedder;
    private readonly bool _ownsEmbedder;

    /// <summary>A guard on <paramref name="model"/>; an <paramref name="embedder"/> given here stays the caller's to
    /// dispose.</summary>
    public PromptGuard(EmbeddedJudgeModel model, TextEmbedder? embedder = null)
        : this(model, embedder ?? new TextEmbedder(), ownsEmbedder: embedder is null)
    {
    }

    private PromptGuard(EmbeddedJudgeModel model, TextEmbedder embedder, bool ownsEmbedder)
    {
        Model = model;
        _ownsEmbedder = ownsEmbedder;
        _embedder = embedder;
        Name = $"prompt-guard:{model.Name} " +
            $"(threshold {model.Threshold.ToString("0.###", CultureInfo.InvariantCulture)})";
    }

    /// <summary>The shipped guard: the fine-tuned encoder and its head (<see cref="TunedPath"/>).</summary>
    public static PromptGuard LoadDefault() => LoadTuned(
        EmbeddedJudgeModel.LoadShipped(TunedPath, TunedFeatureSet), ModelFiles.Open(TunedLayerPath),
        "data/" + TunedLayerPath);

    /// <summary>A guard whose head reads <see cref="TunedMiniLM"/> embeddings made with <paramref
    /// name="layerFile"/>.</summary>
    public static PromptGuard LoadTuned(EmbeddedJudgeModel model, Stream layerFile, string layerName)
    {
        using (layerFile)
            return new PromptGuard(model, new TextEmbedder(new TunedMiniLM(layerFile, layerName)), ownsEmbedder: true);
    }

    /// <summary>The trained head the guard applies.</summary>
    public EmbeddedJudgeModel Model { get; }
    /// <summary>The guard's name: model and threshold.</summary>
    public string Name { get; }

    /// <summary>Judges the request alone; the response is ignored.</summary>
    public Task<JudgeVerdict> JudgeAsync(string prompt, string response,
        CancellationToken cancellationToken = default) =>
        JudgePromptAsync(prompt, cancellationToken);

    /// <inheritdoc />
    public Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<JudgeVerdict>(cancellationToken)
            : Task.FromResult(JudgeVerdict.FromProbability(
            Score([prompt], cancellationToken)[0], Model.Threshold, "harmful request", "benign request", "p_harmful"));

    /// <summary>Probabilities that each request is harmful.</summary>
    public float[] Score(IReadOnlyList<string> prompts, CancellationToken cancellationToken = default) =>
        Featurize(_embedder, prompts, cancellationToken).Select(Model.Predict).ToArray();

    /// <summary>The guard's features of each prompt.</summary>
    public static float[][] Featurize(TextEmbedder embedder, IReadOnlyList<string> prompts,
        CancellationToken cancellationToken = default) =>
        embedder.Embed(prompts.Select(p => Benchmark.InstructionFrame.Unwrap(p)).ToList(), MaxWords, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsEmbedder)
            _embedder.Dispose();
    }
}
