using System.Globalization;

namespace Alert.Judges.Embedded;

/// <summary>
/// The in-process input guard: is a request harmful? A logistic head on the MiniLM embedding of the
/// request, trained by <c>scripts/train-prompt-guard.sh</c> on harmful requests (the built base set and
/// public harmful-behaviour sets) against the benign look-alikes; <c>data/judges/prompt-guard-v1.json</c>.
/// As a safety judge it judges the prompt and ignores the response.
/// </summary>
public sealed class PromptGuard : ISafetyJudge, IPromptJudge, IDisposable
{
    public const string FeatureSet = "minilm-prompt-v1";
    public const string DefaultPath = "judges/prompt-guard-v1.json";
    private const int MaxWords = 64;
    private readonly TextEmbedder _embedder;
    private readonly bool _ownsEmbedder;

    public PromptGuard(EmbeddedJudgeModel model, TextEmbedder? embedder = null)
    {
        Model = model;
        _ownsEmbedder = embedder is null;
        _embedder = embedder ?? new TextEmbedder();
        Name = $"prompt-guard:{model.Name} (threshold {model.Threshold.ToString("0.###", CultureInfo.InvariantCulture)})";
    }

    public static PromptGuard LoadDefault() => new(EmbeddedJudgeModel.LoadShipped(DefaultPath, FeatureSet));

    public EmbeddedJudgeModel Model { get; }
    public string Name { get; }

    public Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default) =>
        JudgePromptAsync(prompt, cancellationToken);

    public Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default)
    {
        var p = Score([prompt], cancellationToken)[0];
        var harmful = p >= Model.Threshold;
        return Task.FromResult(new JudgeVerdict(harmful ? Verdict.Unsafe : Verdict.Safe,
            $"{(harmful ? "harmful request" : "benign request")} p_harmful={p.ToString("0.000", CultureInfo.InvariantCulture)}") { Confidence = Math.Max(p, 1 - p) });
    }

    /// <summary>Probabilities that each request is harmful.</summary>
    public float[] Score(IReadOnlyList<string> prompts, CancellationToken cancellationToken = default) =>
        Featurize(_embedder, prompts, cancellationToken).Select(Model.Predict).ToArray();

    public static float[][] Featurize(TextEmbedder embedder, IReadOnlyList<string> prompts, CancellationToken cancellationToken = default) =>
        embedder.Embed(prompts.Select(p => Benchmark.InstructionFrame.Unwrap(p)).ToList(), MaxWords, cancellationToken);

    public void Dispose()
    {
        if (_ownsEmbedder)
            _embedder.Dispose();
    }
}
