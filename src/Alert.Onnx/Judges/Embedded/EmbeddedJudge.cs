using System.Globalization;
using System.Threading.Channels;
using Alert.Plugins;

namespace Alert.Judges.Embedded;

/// <summary>
/// The in-process judge: MiniLM embeddings of prompt and response, prototype and hand features, and a
/// trained logistic head. Concurrent <see cref="JudgeAsync"/> calls are gathered into batches, so a
/// run's parallel workers share each ONNX call.
/// </summary>
public sealed class EmbeddedJudge : ISafetyJudge
{
    /// <summary><c>embedded</c>, <c>embedded:moderation</c>, <c>embedded:MODEL.json</c>.</summary>
    [AlertPlugin(Order = 10)]
    public static JudgeKind Kind { get; } = new("embedded", "embedded[:moderation|:MODEL.json]",
        "The in-process judge of harmful content (MiniLM and a small trained head, offline); 'moderation' is its " +
            "variant for everyday traffic",
        (model, _) => new EmbeddedJudge(model switch
        {
            "" => EmbeddedJudgeModel.LoadDefault(),
            "moderation" => EmbeddedJudgeModel.LoadModeration(),
            _ => EmbeddedJudgeModel.Load(model),
        }))
    {
        Validate = (model, _) => model is "" or "moderation" || File.Exists(model) ? null
            : $"unknown judge 'embedded:{model}': no such model file (expected embedded, embedded:moderation or " +
                $"embedded:MODEL.json from 'alert judge train')",
    };

    private const int MaxBatch = 64;
    private readonly TextEmbedder _embedder;
    private readonly bool _ownsEmbedder;
    private readonly JudgeFeatures _features;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;

    /// <summary>
    /// A judge on <paramref name="model"/>; prompts are read by <paramref name="embedder"/> (stays the caller's to
    /// dispose) or
    /// by <see cref="JudgeFeatures.LoadPromptEncoder"/>, what the shipped heads are trained with.
    /// </summary>
    public EmbeddedJudge(EmbeddedJudgeModel model, TextEmbedder? embedder = null)
    {
        Model = model;
        // A caller's embedder (shared between judges) stays the caller's to dispose.
        _ownsEmbedder = embedder is null;
        _embedder = embedder ?? JudgeFeatures.LoadPromptEncoder();
        _features = new JudgeFeatures(_embedder);
        Name = $"embedded:{model.Name} (threshold {model.Threshold.ToString("0.###", CultureInfo.InvariantCulture)})";
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>The trained model the judge applies.</summary>
    public EmbeddedJudgeModel Model { get; }
    /// <summary>The judge's name: model and threshold.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(prompt, response,
            new TaskCompletionSource<JudgeVerdict>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            return Task.FromResult(JudgeVerdict.Failed("embedded judge is disposed"));
        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Probabilities that each response is unsafe. With an early head, the last chunk is read first and the rest only
    /// when that reading does not settle the verdict.
    /// </summary>
    public float[] Score(IReadOnlyList<(string Prompt, string Response)> pairs,
        CancellationToken cancellationToken = default)
    {
        if (Model.EarlyHead is null)
            return _features.Compute(pairs, cancellationToken).Select(Model.Predict).ToArray();
        var prompts = _features.EmbedPrompts(pairs.Select(p => p.Prompt).ToArray(), cancellationToken);
        var chunks = pairs.Select(p => JudgeFeatures.ResponseChunks(p.Prompt, p.Response)).ToArray();
        var last = _features.EmbedChunks(chunks.Select(c => (IReadOnlyList<string>)[c[^1]]).ToArray(),
            cancellationToken);
        var scores = new float[pairs.Count];
        var unsettled = new List<int>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var x = _features.FromEmbeddings(pairs[i].Prompt, pairs[i].Response, prompts[i], last[i]);
            // One chunk is the whole reading; a longer answer stops here when the early reading is sure.
            if (chunks[i].Count == 1)
                scores[i] = Model.Predict(x);
            else if (Model.PredictEarly(x) is { } settled)
                scores[i] = settled;
            else
                unsettled.Add(i);
        }
        // The last chunk's vector comes from the embedder's cache.
        var full = _features.EmbedChunks(unsettled.Select(
            i => (IReadOnlyList<string>)JudgeFeatures.Select(chunks[i], JudgeFeatures.MaxChunks)).ToArray(),
            cancellationToken);
        for (var k = 0; k < unsettled.Count; k++)
        {
            var i = unsettled[k];
            scores[i] = Model.Predict(_features.FromEmbeddings(
                pairs[i].Prompt, pairs[i].Response, prompts[i], full[k]));
        }
        return scores;
    }

    /// <summary>The verdict for a probability of being unsafe, with its confidence.</summary>
    public JudgeVerdict ToVerdict(float p) => JudgeVerdict.FromProbability(
        p, Model.Threshold, "unsafe", "safe", "p_unsafe");

    /// <summary>Feature vectors for <paramref name="pairs"/>.</summary>
    public static float[][] Featurize(JudgeFeatures features, IReadOnlyList<(string Prompt, string Response)> pairs,
        CancellationToken cancellationToken = default) =>
        features.Compute(pairs, cancellationToken);

    private async Task WorkAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p))
                batch.Add(p);
            try
            {
                var scores = Score(batch.Select(b => (b.Prompt, b.Response)).ToArray());
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Result.TrySetResult(ToVerdict(scores[i]));
            }
            catch (Exception e)
            {
                foreach (var b in batch)
                    b.Result.TrySetResult(JudgeVerdict.Failed(
                        $"embedded judge failed: {e.GetType().Name}: {e.Message}"));
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _worker.Wait();
        _features.Dispose();
        if (_ownsEmbedder)
            _embedder.Dispose();
    }

    private sealed record Pending(string Prompt, string Response, TaskCompletionSource<JudgeVerdict> Result);
}
