using System.Numerics.Tensors;
using Alert.Judges;
using Alert.Judges.Embedded;
using Onnx;

namespace Alert.Bench;

/// <summary>
/// Fine-tunes MiniLM's top layers for the response judge, on response chunks: a response's embedding is the
/// unit-length mean of its chunks' embeddings (as <see cref="JudgeFeatures"/> builds it), a logistic head reads it,
/// and the loss on the response's label trains the head and the layers through every chunk. Measured across
/// domains (the encoder never sees the left-out rows): the tuned head alone, and the judge's head with the tuned
/// response embedding in place of the frozen one.
/// </summary>
internal static class JudgeTuning
{
    private static readonly int TunedLayers = int.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_LAYERS"), out var n) ? n : 2;
    private static readonly int Epochs = int.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_EPOCHS"), out var e) ? e : 3;
    private static readonly double LayerRate = double.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_RATE"), System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 1e-4;
    private const int Batch = 32;
    private const double HeadRate = 1e-3;
    private const double HeadL2 = 1e-4;
    private const float HeadScale = 10;

    public static void Run(string datasets, string folds, string? outLayer)
    {
        var rows = JudgeData.Load(datasets);
        using var embedder = new TextEmbedder();
        // The baseline reads responses with the frozen encoder too.
        using var trainer = new EmbeddedJudgeTrainer(new JudgeFeatures(embedder, embedder, "frozen"));
        var x = FeatureCache.Load(rows, trainer);
        var y = rows.Select(r => r.Pair.Unsafe ? 1 : 0).ToArray();

        // Each row's chunks, as indices into the distinct chunk texts.
        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var chunks = rows.Select(row => JudgeFeatures.Chunks(row.Pair.Response).Select(c =>
        {
            var t = TextEmbedder.Normalize(c, JudgeFeatures.ChunkWords);
            if (!index.TryGetValue(t, out var k))
            {
                k = index[t] = texts.Count;
                texts.Add(t);
            }
            return k;
        }).ToArray()).ToArray();
        var modelBytes = TunedMiniLM.ReadResource(TunedMiniLM.ModelResource);
        var onnx = ModelProto.Parser.ParseFrom(modelBytes);
        var (frozen, offsets, layerInput) = PromptGuardTuning.ReadTopLayers(onnx, modelBytes, TunedLayers);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (inputs, _) = PromptGuardTuning.LayerInputs(onnx, layerInput, [.. texts]);
        Console.WriteLine($"{rows.Count} rows, {texts.Count} distinct chunks ({inputs.Sum(v => v.Length) / TextEmbedder.Dimensions} tokens); layer inputs in {clock.Elapsed.TotalSeconds:0}s; tuning the top {TunedLayers} layer(s), {Epochs} epochs, rate {LayerRate:g2}");

        var harmful = Enumerable.Range(0, rows.Count).Where(i => !rows[i].BenignPrompt).ToArray();
        var splits = new List<(string Name, Func<DevPair, bool> Train, Func<DevPair, bool> Test)>();
        foreach (var f in folds.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(f => f != "-"))
        {
            switch (f)
            {
                case "pair": splits.Add(("leave out JBB attack PAIR", r => r.Method != "PAIR", r => r.Method == "PAIR")); break;
                case "gcg": splits.Add(("leave out JBB attack GCG", r => r.Method != "GCG", r => r.Method == "GCG")); break;
                case "xstest": splits.Add(("train XSTest -> test JBB", r => r.Domain == "xstest", r => r.Domain == "jailbreakbench")); break;
                case "jbb": splits.Add(("train JBB -> test XSTest harmful", r => r.Domain == "jailbreakbench", r => r.Domain == "xstest" && !r.BenignPrompt)); break;
                default: throw new ArgumentException($"unknown split '{f}' (pair, gcg, xstest, jbb)");
            }
        }
        foreach (var (name, trainOn, testOn) in splits)
        {
            clock.Restart();
            var train = harmful.Where(i => trainOn(rows[i])).ToArray();
            var test = Enumerable.Range(0, rows.Count).Where(i => testOn(rows[i])).ToArray();
            var (layers, head, bias) = Train(frozen, inputs, chunks, y, train);
            var used = train.Concat(test).ToArray();
            var tuned = Embed(layers, inputs, chunks, used);
            var baseLine = Fit(x, y, train, test, i => x[i]);
            var replaced = Fit(x, y, train, test, i => [.. tuned[i], .. x[i].AsSpan(TextEmbedder.Dimensions)]);
            var headAlone = test.Count(i => (TensorPrimitives.Dot(head, tuned[i]) * HeadScale + bias >= 0 ? 1 : 0) == y[i]) / (double)test.Length;
            var frozenHead = Fit(x, y, train, test, i => x[i][..TextEmbedder.Dimensions], prior: false);
            // Through the runtime path: the half-precision layer file over the package's model, every response-side
            // feature read from the tuned encoder.
            var path = Path.Combine(Path.GetTempPath(), $"alert-judge-tune-{Environment.ProcessId}.layer.bin");
            PromptGuardTuning.WriteLayer(path, modelBytes, layers, offsets);
            var runtime = RuntimeFeatures(path, rows, used);
            File.Delete(path);
            var all = Fit(x, y, train, test, i => runtime[i], xPrior: runtime);
            Console.WriteLine($"{name,-36} n={test.Length,5}  judge (frozen) {baseLine:0.000}  judge (tuned response embedding) {replaced:0.000}  judge (tuned, all response features) {all:0.000}  | head alone: frozen {frozenHead:0.000}, tuned {headAlone:0.000}  ({clock.Elapsed.TotalMinutes:0.0} min)");
            if (test.All(i => rows[i].Domain == "jailbreakbench"))
            {
                // Distillation with an encoder that never saw these answers: heads trained on some JailbreakBench
                // behaviours, tested on the others (5 folds by goal), frozen vs tuned features.
                var jbb = test.Select(i => rows[i].Pair with { Group = rows[i].Goal }).ToList();
                var options = new TrainingOptions();
                var frozenCv = EmbeddedJudgeTrainer.CrossValidate(jbb, test.Select(i => x[i]).ToArray(), options, [0.85])[0];
                var tunedCv = EmbeddedJudgeTrainer.CrossValidate(jbb, test.Select(i => runtime[i]).ToArray(), options, [0.85])[0];
                Console.WriteLine($"{"  distillation on them, 5 folds by goal",-36} n={test.Length,5}  frozen {frozenCv.Accuracy:0.000}  tuned {tunedCv.Accuracy:0.000}");
            }
        }
        if (outLayer is null)
            return;
        clock.Restart();
        var (shipped, _, _) = Train(frozen, inputs, chunks, y, harmful);
        PromptGuardTuning.WriteLayer(outLayer, modelBytes, shipped, offsets);
        Console.WriteLine($"trained on all {harmful.Length} answers to harmful requests in {clock.Elapsed.TotalMinutes:0.0} min; wrote {outLayer}");
    }

    private static Dictionary<int, float[]> RuntimeFeatures(string layerPath, List<DevPair> rows, int[] used)
    {
        using var embedder = new TextEmbedder();
        using var tuned = new TextEmbedder(new TunedMiniLM(File.OpenRead(layerPath), layerPath));
        using var features = new JudgeFeatures(embedder, tuned, layerPath);
        var x = features.Compute(used.Select(i => (rows[i].Pair.Prompt, rows[i].Pair.Response)).ToArray());
        return used.Select((i, k) => (i, k)).ToDictionary(t => t.i, t => x[t.k]);
    }

    /// <summary>Accuracy on <paramref name="test"/> of the judge's logistic head (refusal prior 0.85) trained on <paramref name="train"/>.</summary>
    private static double Fit(float[][] x, int[] y, int[] train, int[] test, Func<int, float[]> features, bool prior = true, IReadOnlyDictionary<int, float[]>? xPrior = null)
    {
        var head = LogisticRegression.Train(train.Select(features).ToArray(), train.Select(i => y[i]).ToArray(), 0.3, 300);
        var correct = 0;
        foreach (var i in test)
        {
            var z = head.Logit(features(i));
            var v = xPrior is null ? x[i] : xPrior[i];
            if (prior)
            {
                if (v[JudgeFeatures.RefusalHeadIndex(v.Length)] > 0.5f)
                    z -= 0.85f;
                else if (v[JudgeFeatures.PromptGuardIndex(v.Length)] >= 0.5f)
                    z += 0.85f;
            }
            correct += (z >= 0 ? 1 : 0) == y[i] ? 1 : 0;
        }
        return correct / (double)test.Length;
    }

    /// <summary>The unit-length mean of the tuned chunk embeddings of each row in <paramref name="rows"/>.</summary>
    private static Dictionary<int, float[]> Embed(LayerStack layers, float[][] inputs, int[][] chunks, int[] rows)
    {
        var pooled = new System.Collections.Concurrent.ConcurrentDictionary<int, float[]>();
        Parallel.ForEach(rows.SelectMany(i => chunks[i]).Distinct(), k => pooled[k] = TransformerLayer.Pool(layers.Forward(inputs[k]).Output, out _));
        return rows.Distinct().ToDictionary(i => i, i => UnitMean(chunks[i].Select(k => pooled[k]).ToArray(), out _));
    }

    private static float[] UnitMean(float[][] vectors, out float norm)
    {
        var mean = new float[TextEmbedder.Dimensions];
        foreach (var v in vectors)
            TensorPrimitives.Add(mean, v, mean);
        TensorPrimitives.Divide(mean, vectors.Length, mean);
        norm = TensorPrimitives.Norm(mean);
        TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }

    private static (LayerStack Layers, float[] Head, float Bias) Train(LayerStack frozen, float[][] inputs, int[][] chunks, int[] y, int[] train)
    {
        // The head first, on the frozen layers' response embeddings.
        var start = Embed(frozen, inputs, chunks, train);
        var head = new float[TextEmbedder.Dimensions + 1];
        var adamHead = new PromptGuardTuning.Adam(head.Length);
        for (var step = 0; step < 300; step++)
        {
            var g = new float[head.Length];
            foreach (var i in train)
            {
                var z = TensorPrimitives.Dot(head.AsSpan(0, TextEmbedder.Dimensions), start[i]) * HeadScale + head[^1];
                var d = (float)((1 / (1 + Math.Exp(-z)) - y[i]) / train.Length);
                TensorPrimitives.MultiplyAdd(start[i], d * HeadScale, g.AsSpan(0, TextEmbedder.Dimensions), g.AsSpan(0, TextEmbedder.Dimensions));
                g[^1] += d;
            }
            for (var j = 0; j < TextEmbedder.Dimensions; j++)
                g[j] += (float)(HeadL2 * head[j]);
            adamHead.Step([head], [g], 0.01);
        }

        var layer = frozen.Clone();
        var adamLayer = new PromptGuardTuning.Adam(layer.All().Sum(t => t.Length));
        adamHead = new PromptGuardTuning.Adam(head.Length);
        var random = new Random(7);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var order = train.OrderBy(_ => random.Next()).ToArray();
            for (var s = 0; s < order.Length; s += Batch)
            {
                var batch = order.AsSpan(s, Math.Min(Batch, order.Length - s)).ToArray();
                var layerGrad = layer.Zeros();
                var headGrad = new float[head.Length];
                var gate = new object();
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => (layer.Zeros(), new float[head.Length]), (b, _, local) =>
                {
                    var i = batch[b];
                    var passes = chunks[i].Select(k => layer.Forward(inputs[k])).ToArray();
                    var pooled = new float[passes.Length][];
                    var norms = new float[passes.Length];
                    for (var c = 0; c < passes.Length; c++)
                        pooled[c] = TransformerLayer.Pool(passes[c].Output, out norms[c]);
                    var u = UnitMean(pooled, out var meanNorm);
                    var z = TensorPrimitives.Dot(head.AsSpan(0, TextEmbedder.Dimensions), u) * HeadScale + head[^1];
                    var dz = (float)((1 / (1 + Math.Exp(-z)) - y[i]) / batch.Length);
                    TensorPrimitives.MultiplyAdd(u, dz * HeadScale, local.Item2.AsSpan(0, TextEmbedder.Dimensions), local.Item2.AsSpan(0, TextEmbedder.Dimensions));
                    local.Item2[^1] += dz;
                    // Through the unit-length mean to each chunk's pooled embedding.
                    var du = new float[TextEmbedder.Dimensions];
                    TensorPrimitives.Multiply(head.AsSpan(0, TextEmbedder.Dimensions), dz * HeadScale, du);
                    var along = TensorPrimitives.Dot(u, du);
                    var dPooled = new float[TextEmbedder.Dimensions];
                    for (var j = 0; j < dPooled.Length; j++)
                        dPooled[j] = (du[j] - u[j] * along) / meanNorm / passes.Length;
                    for (var c = 0; c < passes.Length; c++)
                    {
                        var output = passes[c].Output;
                        layer.Backward(inputs[chunks[i][c]], passes[c].Traces, TransformerLayer.PoolBackward(output.Length / TextEmbedder.Dimensions, pooled[c], norms[c], dPooled), local.Item1);
                    }
                    return local;
                }, local =>
                {
                    lock (gate)
                    {
                        layerGrad.Add(local.Item1);
                        TensorPrimitives.Add(headGrad, local.Item2, headGrad);
                    }
                });
                for (var j = 0; j < TextEmbedder.Dimensions; j++)
                    headGrad[j] += (float)(HeadL2 * head[j]);
                adamLayer.Step(layer.All(), layerGrad.All(), LayerRate);
                adamHead.Step([head], [headGrad], HeadRate);
            }
        }
        return (layer, head[..TextEmbedder.Dimensions], head[^1]);
    }
}
