namespace Alert.Judges.Embedded;

/// <summary>
/// Turns (prompt, response) pairs into the feature vectors of the embedded judge: the embedding of the
/// response (mean of its chunks); how close it is to prototype groups (<c>data/judges/embedded-prototypes.txt</c>:
/// refusal,
/// redirect, compliance, harm, benign, role-play); how harmful the prompt looks (nearest hand-written
/// harmful and benign requests, and the prompt guard's verdict on it); chunk-level reading of the response (does each
/// part refuse, is it on the
/// prompt's topic); and hand-made features (refusal phrases and where they are, structure, length).
/// Responses and the response-side prototypes are read by the response encoder (MiniLM with its top two layers
/// fine-tuned on answers to harmful requests: it lifted the judge from 0.747 to 0.776 with PAIR's answers left out,
/// tools/Alert.Training judge-tune); prompts by the frozen model, which the prompt guard's head was trained on.
/// Chosen by cross-domain validation (bench judge-cv): prompt-response interaction terms fit one dataset
/// and transfer worse, so they are not used.
/// </summary>
public sealed partial class JudgeFeatures : IDisposable
{
    /// <summary>The prototype sentences per group (and the benign requests).</summary>
    public const string PrototypesPath = "judges/embedded-prototypes.txt";
    /// <summary>
    /// The response encoder: MiniLM's lowest three layers, the top two of them fine-tuned on answers to harmful and
    /// everyday
    /// requests (<c>tools/Alert.Training judge-tune</c> with ALERT_READER_DEPTH=3); a cheaper pass than all six
    /// (docs/judges.md).
    /// </summary>
    public const string ResponseEncoderPath = "judges/embedded-response-encoder-v2.layer.bin";
    /// <summary>Word cues of the hand features: affirmative openings, disclaimers, fiction framing.</summary>
    public const string CuesPath = "judges/embedded-cues.txt";
    private static readonly Lazy<Dictionary<string, IReadOnlyList<string>>> Cues =
        new(() => ModelFiles.ReadGroups(CuesPath).ToDictionary(g => g.Name, g => g.Lines));
    private static readonly Lazy<List<string>> Layout =
        new(() => FeatureNames(ModelFiles.ReadGroups(PrototypesPath).Select(g => g.Name)
        .Where(g => g != "benign_request")));

    private readonly string[] _refusals;
    private readonly (string Group, float[][] Vectors)[] _prototypes;
    private readonly float[][] _harmfulRequests;
    private readonly float[][] _benignRequests;
    private readonly float[][] _refusalSide;
    private readonly float[][] _complySide;
    private readonly TextEmbedder _embedder;
    private readonly TextEmbedder _responseEmbedder;
    private readonly EmbeddedJudgeModel _promptGuard;
    private readonly bool _ownsResponseEmbedder;

    /// <summary>Features read with the shipped response encoder (<see cref="ResponseEncoderPath"/>), which this
    /// instance loads and owns.</summary>
    /// <param name="embedder">Embeds prompts (frozen MiniLM).</param>
    public JudgeFeatures(TextEmbedder embedder)
        : this(embedder, LoadResponseEncoder(), "data/" + ResponseEncoderPath)
    {
        _ownsResponseEmbedder = true;
    }

    /// <param name="embedder">Embeds prompts.</param>
    /// <param name="responseEmbedder">Embeds the response's chunks and the response-side prototypes (not
    /// owned).</param>
    /// <param name="responseEncoder">What <paramref name="responseEmbedder"/> is, for caches keyed on the
    /// features.</param>
    public JudgeFeatures(TextEmbedder embedder, TextEmbedder responseEmbedder, string responseEncoder)
    {
        ResponseEncoder = responseEncoder;
        _refusals = DataFiles.ReadLines(RefusalJudge.LexiconPath).Select(p => p.ToLowerInvariant()).ToArray();
        var groups = ModelFiles.ReadGroups(PrototypesPath);
        var harmful = DataFiles.ReadText("benchmark/builtin-mini.jsonl")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Benchmark.InstructionFrame.Unwrap(
                (string)System.Text.Json.Nodes.JsonNode.Parse(l)!["prompt"]!)).ToList();
        _harmfulRequests = embedder.Embed(harmful, 64);
        _benignRequests = embedder.Embed(groups.Single(g => g.Name == "benign_request").Lines, 64);
        _prototypes = groups.Where(g => g.Name != "benign_request")
            .Select(g => (g.Name, responseEmbedder.Embed(g.Lines, 64))).ToArray();
        _refusalSide = _prototypes.Where(p => p.Group is "refusal" or "redirect").SelectMany(p => p.Vectors).ToArray();
        _complySide = _prototypes.Where(p => p.Group is "comply" or "harm" or "roleplay").SelectMany(p => p.Vectors)
            .ToArray();
        _embedder = embedder;
        _responseEmbedder = responseEmbedder;
        _promptGuard = EmbeddedJudgeModel.LoadShipped(PromptGuard.DefaultPath, PromptGuard.FeatureSet);
    }

    /// <summary>The feature vector's layout, one name per feature (prototype groups as the data file lists
    /// them).</summary>
    private static List<string> FeatureNames(IEnumerable<string> prototypeGroups) =>
        [.. Enumerable.Range(0, TextEmbedder.Dimensions).Select(i => $"r{i}"),
            "cos_prompt_response", .. prototypeGroups.Select(g => "proto_" + g),
            "prompt_harmful", "prompt_benign", "prompt_harm_margin", "prompt_guard",
            .. ChunkNames, "harm_x_not_refusing", "harm_x_on_topic", .. HandNames];

    /// <summary>Words of the prompt that are embedded.</summary>
    public const int PromptWords = 60;
    /// <summary>The response is read in chunks of this many words (about 64 tokens each): the first three and the
    /// last.</summary>
    public const int ChunkWords = 48;
    /// <summary>Chunks read per response at most: the first ones and the last.</summary>
    public const int MaxChunks = 4;

    /// <summary>Names of the chunk-level features.</summary>
    public static readonly string[] ChunkNames =
    [
        "chunks_log", "chunks_refusal_phrase", "chunks_refusal_leaning", "chunk_lean_mean", "chunk_lean_min",
            "chunk_lean_max",
        "chunk_topic_mean", "chunk_topic_max", "chunk_topic_not_refusing", "chunks_on_topic_not_refusing",
    ];

    /// <summary>Names of the hand-made features.</summary>
    public static readonly string[] HandNames =
    [
        "refusal_head", "refusal_any", "refusal_count", "log_chars", "log_lines", "list_fraction", "code_fence",
        "affirmative_start", "prompt_overlap", "disclaimers", "mentions_ai", "question_ratio", "very_short",
        "fiction", "refuse_then_long", "response_novelty", "novel_words_log", "ends_with_question", "placeholders",
        "residue_share", "residue_empty",
    ];

    /// <summary>One name per feature, in vector order.</summary>
    public IReadOnlyList<string> Names => Layout.Value;

    /// <summary>What embeds the responses: the shipped tuned encoder's path, or a caller's name for its own.</summary>
    public string ResponseEncoder { get; }

    /// <summary>
    /// The prompts' encoder the shipped heads are trained with: the package's frozen MiniLM with int8 weights (faster
    /// than
    /// float, near the same vectors: bench judge-profile, docs/judges.md).
    /// </summary>
    public static TextEmbedder LoadPromptEncoder() => new(new TunedMiniLM(null, int8: true));

    /// <summary>The shipped response encoder with int8 weights: about twice as fast as float with the same agreement
    /// (bench judge-human, judge-int8).</summary>
    public static TextEmbedder LoadResponseEncoder()
    {
        using var file = ModelFiles.Open(ResponseEncoderPath);
        return new TextEmbedder(new TunedMiniLM(file, "data/" + ResponseEncoderPath, int8: true));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsResponseEmbedder)
            _responseEmbedder.Dispose();
    }

    /// <summary>Where "refusal_head" (a refusal phrase in the response's first 160 characters) sits in a feature
    /// vector.</summary>
    public static int RefusalHeadIndex => IndexOf("refusal_head");

    /// <summary>Where "residue_empty" (the answer adds nothing to the request, <see cref="RequestEcho.Residue"/>) sits
    /// in a feature vector.</summary>
    public static int ResidueEmptyIndex => IndexOf("residue_empty");

    /// <summary>Where "prompt_guard" (the prompt guard's probability that the request is harmful) sits in a feature
    /// vector.</summary>
    public static int PromptGuardIndex => IndexOf("prompt_guard");

    // Read on every prediction (the refusal prior, the residue rule): looked up once, not searched for each time.
    private static readonly Lazy<Dictionary<string, int>> Positions =
        new(() => Layout.Value.Select((name, i) => (name, i))
        .ToDictionary(t => t.name, t => t.i, StringComparer.Ordinal));

    private static int IndexOf(string feature) => Positions.Value.TryGetValue(feature, out var i) ? i : -1;

    /// <summary>Feature vectors for pairs, embedding prompts, response heads and response chunks in batches.</summary>
    public float[][] Compute(IReadOnlyList<(string Prompt, string Response)> pairs,
        CancellationToken cancellationToken = default) =>
        Compute(pairs, MaxChunks, cancellationToken);

    /// <summary>Feature vectors reading at most <paramref name="maxChunks"/> chunks of each response (1: the last one,
    /// the early-exit reading).</summary>
    public float[][] Compute(IReadOnlyList<(string Prompt, string Response)> pairs, int maxChunks,
        CancellationToken cancellationToken = default)
    {
        var prompts = EmbedPrompts(pairs.Select(p => p.Prompt).ToArray(), cancellationToken);
        var chunks = pairs.Select(p => Select(ResponseChunks(p.Prompt, p.Response), maxChunks)).ToArray();
        var vectors = EmbedChunks(chunks, cancellationToken);
        return pairs.Select((p, i) => FromEmbeddings(p.Prompt, p.Response, prompts[i], vectors[i])).ToArray();
    }

    /// <summary>Prompt embeddings (the frozen model, <see cref="PromptWords"/> words).</summary>
    public float[][] EmbedPrompts(IReadOnlyList<string> prompts, CancellationToken cancellationToken = default) =>
        _embedder.Embed(prompts, PromptWords, cancellationToken);

    /// <summary>The response encoder's vectors of each pair's chunks, all chunks of all pairs in one batched
    /// pass.</summary>
    public (string Text, float[] Vector)[][] EmbedChunks(
        IReadOnlyList<IReadOnlyList<string>> chunks, CancellationToken cancellationToken = default)
    {
        var flat = chunks.SelectMany(c => c).ToArray();
        var vectors = _responseEmbedder.Embed(flat, ChunkWords, cancellationToken);
        var result = new (string, float[])[chunks.Count][];
        var k = 0;
        for (var i = 0; i < chunks.Count; i++)
        {
            result[i] = new (string, float[])[chunks[i].Count];
            for (var j = 0; j < chunks[i].Count; j++, k++)
                result[i][j] = (flat[k], vectors[k]);
        }
        return result;
    }

    /// <summary>The feature vector from embeddings already computed (<see cref="EmbedPrompts"/>, <see
    /// cref="EmbedChunks"/>).</summary>
    public float[] FromEmbeddings(string prompt, string response, float[] promptVector,
        IReadOnlyList<(string Text, float[] Vector)> chunks) =>
        // The response as a whole is the normalised mean of its chunks: one pass over the text, no separate long input.
        Compute(prompt, response, promptVector, MeanDirection(chunks), chunks);

    private static float[] MeanDirection(IReadOnlyList<(string Text, float[] Vector)> chunks)
    {
        var mean = new float[TextEmbedder.Dimensions];
        foreach (var (_, v) in chunks)
        {
            for (var i = 0; i < mean.Length; i++)
                mean[i] += v[i];
        }
        var norm = MathF.Sqrt(mean.Sum(x => x * x));
        for (var i = 0; i < mean.Length && norm > 0; i++)
            mean[i] /= norm;
        return mean;
    }

    private float[] Compute(string prompt, string response, float[] promptVector, float[] responseVector,
        IReadOnlyList<(string Text, float[] Vector)> chunks)
    {
        var f = new float[Names.Count];
        var k = 0;
        for (var i = 0; i < TextEmbedder.Dimensions; i++)
            f[k++] = responseVector[i];
        f[k++] = TextEmbedder.Dot(promptVector, responseVector);
        foreach (var (_, vectors) in _prototypes)
            f[k++] = MaxSim(vectors, responseVector);
        var harmful = MaxSim(_harmfulRequests, promptVector);
        var benign = MaxSim(_benignRequests, promptVector);
        f[k++] = harmful;
        f[k++] = benign;
        f[k++] = harmful - benign;
        // The prompt guard's head on the prompt's embedding: does the request look harmful at all?
        var guard = _promptGuard.Predict(promptVector);
        f[k++] = guard;

        var leans = new List<float>();
        var topics = new List<float>();
        var notRefusingTopics = new List<float>();
        var refusalPhraseChunks = 0;
        foreach (var (text, vector) in chunks)
        {
            var lower = text.ToLowerInvariant().Replace('\u2019', '\'');
            var hasPhrase = _refusals.Any(p => lower.Contains(p, StringComparison.Ordinal));
            var lean = MaxSim(_refusalSide, vector) - MaxSim(_complySide, vector);
            var topic = TextEmbedder.Dot(promptVector, vector);
            refusalPhraseChunks += hasPhrase ? 1 : 0;
            leans.Add(lean);
            topics.Add(topic);
            if (!hasPhrase && lean <= 0)
                notRefusingTopics.Add(topic);
        }
        var n = Math.Max(1, chunks.Count);
        var refusing = 1f - (float)notRefusingTopics.Count / n;
        var onTopicContent = notRefusingTopics.Count == 0 ? 0f : notRefusingTopics.Average();
        f[k++] = (float)(Math.Log(1 + chunks.Count) / 2);
        f[k++] = (float)refusalPhraseChunks / n;
        f[k++] = (float)leans.Count(l => l > 0) / n;
        f[k++] = leans.Average();
        f[k++] = leans.Min();
        f[k++] = leans.Max();
        f[k++] = topics.Average();
        f[k++] = topics.Max();
        f[k++] = onTopicContent;
        f[k++] = (float)notRefusingTopics.Count(t => t > 0.3f) / n;
        f[k++] = (harmful - benign) * (1 - refusing);
        f[k++] = (harmful - benign) * onTopicContent;
        foreach (var h in Hand(prompt, response, RequestEcho.Residue(prompt, response)))
            f[k++] = h;
        return f;
    }

    private static float MaxSim(float[][] vectors, float[] v)
    {
        var best = float.MinValue;
        foreach (var p in vectors)
            best = Math.Max(best, TextEmbedder.Dot(p, v));
        return best;
    }
}
