using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges.Embedded;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Alert.Bench;

/// <summary>
/// Trains the shipped prompt guard v3: MiniLM's top two layers fine-tuned, with a logistic head, on the prompt
/// guard's training data plus everyday acts asked in the harmful acts' frames
/// (<c>data/judges/prompt-guard-everyday-acts.txt</c>) and nonsense claims about real groups
/// (<c>data/judges/prompt-guard-nonsense-claims.txt</c>). The lowest tuned layer's input states come from the
/// package's ONNX model (its graph gains that tensor as an output); the layers themselves run in
/// <see cref="TransformerLayer"/>. Recipe: head first fitted on the frozen layers, then 3 epochs of Adam (learning
/// rate 1e-4 for the layers, 1e-3 for the head, batches of 32, seed 7). XSTest is never trained on. With "loo", the
/// guard is also trained without each public harmful set in turn, and the shipped threshold is the highest that
/// still blocks 95% of each left-out set. Writes the head (JSON) and the tuned layers (<see cref="TunedMiniLM"/>'s
/// file), then scores XSTest again through the runtime path (the patched ONNX model) to check the two agree.
/// ALERT_TUNE_LAYERS=1 tunes the top layer only, as v2 did; on the same data its XSTest curve lies below the two-layer
/// one (81.0% of unsafe prompts / 11.2% of safe ones blocked at 0.7, 73.5% / 7.2% at 0.9; two layers: 88.0% / 14.8%
/// and 85.0% / 8.8%). ALERT_TUNE_NONSENSE=0 leaves out the nonsense claims (two layers: 87.0% / 16.4% at 0.9). A
/// weight average of three shuffles was measured too: no better than one.
/// </summary>
internal static class PromptGuardTuning
{
    private static readonly int TunedLayers = int.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_LAYERS"), out var n) ? n : 2;
    private static readonly int NonsenseClaimCount = int.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_NONSENSE"), out var c) ? c : 300;
    private const int Epochs = 3;
    private const int Batch = 32;
    private const double LayerRate = 1e-4;
    private const double HeadRate = 1e-3;
    private const double HeadL2 = 1e-4;
    // The head reads the unit-length embedding scaled by 10 (LogisticRegression scale 0.1), as it was trained.
    private const float HeadScale = 10;

    public static void Run(string datasets, string? outJson, bool leaveOneOut)
    {
        var (texts, labels, sources) = PromptGuardBench.TrainingData(datasets);
        var nonsense = PromptGuardBench.NonsenseClaims(new Alert.Benchmark.Generation.BaseSetGenerator(), NonsenseClaimCount).ToList();
        foreach (var (line, source) in PromptGuardBench.EverydayActs().Select(l => (l, "everyday")).Concat(nonsense.Select(l => (l, "nonsense"))))
        {
            texts.Add(line);
            labels.Add(0);
            sources.Add(source);
        }
        Console.WriteLine($"nonsense claims about real groups, e.g.: {string.Join(" | ", nonsense.Take(4))}");
        var xstest = Repo.ReadCsv(Path.Combine(datasets, "xstest", "xstest_prompts.csv"));
        var all = texts.Concat(xstest.Select(r => r["prompt"])).Select(t => TextEmbedder.Normalize(InstructionFrame.Unwrap(t), 64)).ToArray();
        var y = labels.Concat(xstest.Select(r => r["label"] == "unsafe" ? 1 : 0)).ToArray();
        var train = Enumerable.Range(0, texts.Count).ToArray();
        var test = Enumerable.Range(texts.Count, xstest.Count).ToArray();
        Console.WriteLine($"training rows: {texts.Count} ({labels.Count(l => l == 1)} harmful, {labels.Count(l => l == 0)} benign); XSTest held out: {xstest.Count}");

        var modelBytes = TunedMiniLM.ReadResource(TunedMiniLM.ModelResource);
        var onnx = ModelProto.Parser.ParseFrom(modelBytes);
        var (layer, offsets, layerInput) = ReadTopLayers(onnx, modelBytes, TunedLayers);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (inputs, finals) = LayerInputs(onnx, layerInput, all);
        var check = Enumerable.Range(0, 50).Max(i => layer.Forward(inputs[i]).Output.Zip(finals[i], (a, b) => Math.Abs(a - b)).Max());
        Console.WriteLine($"tuning MiniLM's top {TunedLayers} layer(s)");
        Console.WriteLine($"layer inputs ready in {clock.Elapsed.TotalSeconds:0}s; this layer vs the ONNX model: max |difference| {check:g2}");

        var (tuned, head, bias) = Train(layer, inputs, y, train);
        var xstestProbability = test.ToDictionary(i => i, i => Probability(tuned, head, bias, inputs[i]));
        var threshold = 0.5;
        var (unsafeRate, safeRate) = XsTest(xstestProbability, y, threshold);
        Console.WriteLine($"XSTest (held out), threshold 0.5: blocks {unsafeRate:0.0}% of 200 unsafe prompts (target >= 80%), {safeRate:0.0}% of 250 safe prompts (target <= 10%)");
        foreach (var t in Thresholds.Skip(1))
        {
            var (u, sr) = XsTest(xstestProbability, y, t);
            Console.WriteLine($"  threshold {t:0.0#}: {u:0.0}% / {sr:0.0}%");
        }
        if (Environment.GetEnvironmentVariable("ALERT_BENCH_VERBOSE") == "1")
        {
            foreach (var type in xstest.Select((r, k) => (r, k)).GroupBy(t => t.r["type"]))
                Console.WriteLine($"    {type.Key,-28} blocked at 0.5/0.7/0.9: {string.Join(" / ", new[] { 0.5, 0.7, 0.9 }.Select(t => type.Count(p => xstestProbability[test[p.k]] >= t)))} of {type.Count()}");
        }
        if (leaveOneOut)
        {
            var heldOut = new List<double[]>();
            foreach (var held in new[] { "advbench", "harmbench", "jailbreakbench" })
            {
                var (l, w, b) = Train(layer, inputs, y, train.Where(i => sources[i] != held).ToArray());
                var scores = train.Where(i => sources[i] == held).Select(i => Probability(l, w, b, inputs[i])).ToArray();
                heldOut.Add(scores);
                Console.WriteLine($"  leave {held,-15} out: blocks {string.Join(", ", Thresholds.Select(t => $"{100.0 * scores.Count(p => p >= t) / scores.Length:0.0}% at {t:0.0#}"))} of its {scores.Length} harmful prompts");
            }
            // The shipped threshold: the highest that still blocks at least 95% of each harmful set left out of
            // training, so harmful sets the guard has never seen keep a margin over the 80% it must block, and the
            // rest of the margin goes to fewer false blocks. Chosen on these sets, never on XSTest.
            threshold = Thresholds.Where(t => heldOut.All(s => s.Count(p => p >= t) >= 0.95 * s.Length)).DefaultIfEmpty(0.5).Max();
            (unsafeRate, safeRate) = XsTest(xstestProbability, y, threshold);
            Console.WriteLine($"threshold {threshold:0.0#} (each left-out harmful set >= 95% blocked): XSTest blocks {unsafeRate:0.0}% of unsafe prompts, {safeRate:0.0}% of safe ones");
        }
        if (outJson is null)
            return;
        if (TunedLayers != 2)
            throw new InvalidOperationException($"the shipped feature set {PromptGuard.TunedFeatureSet} is two tuned layers; run with ALERT_TUNE_LAYERS={TunedLayers} only to measure (OUT -)");
        var layerPath = Path.ChangeExtension(outJson, null) + ".layer.bin";
        WriteLayer(layerPath, modelBytes, tuned, offsets);
        var model = new EmbeddedJudgeModel
        {
            Name = Path.GetFileNameWithoutExtension(outJson),
            Features = PromptGuard.TunedFeatureSet,
            Head = new LogisticRegression { Mean = new float[TextEmbedder.Dimensions], Scale = Enumerable.Repeat(1 / HeadScale, TextEmbedder.Dimensions).ToArray(), Weights = head, Bias = bias },
            Threshold = (float)threshold,
            TrainingRows = texts.Count,
            TrainedFrom = $"the prompt guard v1's data (harmful: built base set, lexicon acts asked directly, AdvBench, HarmBench, JailbreakBench goals; benign: look-alikes, contrast twins, everyday requests) + data/judges/prompt-guard-everyday-acts.txt in direct frames + {NonsenseClaimCount} nonsense claims about real groups (data/judges/prompt-guard-nonsense-claims.txt); MiniLM layers {6 - TunedLayers}-5 fine-tuned (3 epochs, Adam 1e-4) with the head; threshold: the highest blocking >= 95% of each harmful set left out of training; by scripts/train-prompt-guard.sh",
            Metrics = new JsonObject { ["xstest_unsafe_blocked"] = Math.Round(unsafeRate, 1), ["xstest_safe_blocked"] = Math.Round(safeRate, 1) },
        };
        model.SaveAsync(outJson).GetAwaiter().GetResult();
        using var guard = PromptGuard.LoadTuned(EmbeddedJudgeModel.Load(outJson, PromptGuard.TunedFeatureSet), File.OpenRead(layerPath), layerPath);
        var runtime = PromptGuardBench.XsTest(guard, datasets);
        Console.WriteLine($"wrote {outJson} and {layerPath}; through the runtime (patched ONNX model, half-precision layer): XSTest unsafe {runtime.UnsafeBlocked:0.0}%, safe {runtime.SafeBlocked:0.0}%");
    }

    private static double Probability(LayerStack layer, float[] head, float bias, float[] input)
    {
        var pooled = TransformerLayer.Pool(layer.Forward(input).Output, out _);
        return 1 / (1 + Math.Exp(-(TensorPrimitives.Dot(head, pooled) * HeadScale + bias)));
    }

    private static readonly double[] Thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];

    private static (double Unsafe, double Safe) XsTest(Dictionary<int, double> probability, int[] y, double threshold)
    {
        var unsafeRows = probability.Keys.Where(i => y[i] == 1).ToArray();
        var safeRows = probability.Keys.Where(i => y[i] == 0).ToArray();
        return (100.0 * unsafeRows.Count(i => probability[i] >= threshold) / unsafeRows.Length, 100.0 * safeRows.Count(i => probability[i] >= threshold) / safeRows.Length);
    }

    private static (LayerStack Layer, float[] Head, float Bias) Train(LayerStack frozen, float[][] inputs, int[] y, int[] train)
    {
        // The head first, on the frozen layer's embeddings.
        var pooled = train.ToDictionary(i => i, i => TransformerLayer.Pool(frozen.Forward(inputs[i]).Output, out _));
        var head = new float[TextEmbedder.Dimensions + 1];
        var adamHead = new Adam(head.Length);
        for (var step = 0; step < 300; step++)
        {
            var g = new float[head.Length];
            foreach (var i in train)
            {
                var z = TensorPrimitives.Dot(head.AsSpan(0, TextEmbedder.Dimensions), pooled[i]) * HeadScale + head[^1];
                var d = (float)((1 / (1 + Math.Exp(-z)) - y[i]) / train.Length);
                TensorPrimitives.MultiplyAdd(pooled[i], d * HeadScale, g.AsSpan(0, TextEmbedder.Dimensions), g.AsSpan(0, TextEmbedder.Dimensions));
                g[^1] += d;
            }
            for (var j = 0; j < TextEmbedder.Dimensions; j++)
                g[j] += (float)(HeadL2 * head[j]);
            adamHead.Step([head], [g], 0.01);
        }

        var layer = frozen.Clone();
        var adamLayer = new Adam(layer.All().Sum(t => t.Length));
        adamHead = new Adam(head.Length);
        var random = new Random(7);
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            var order = train.OrderBy(_ => random.Next()).ToArray();
            for (var start = 0; start < order.Length; start += Batch)
            {
                var batch = order.AsSpan(start, Math.Min(Batch, order.Length - start)).ToArray();
                var layerGrad = layer.Zeros();
                var headGrad = new float[head.Length];
                var gate = new object();
                Parallel.For(0, batch.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => (layer.Zeros(), new float[head.Length]), (k, _, local) =>
                {
                    var i = batch[k];
                    var (traces, output) = layer.Forward(inputs[i]);
                    var e = TransformerLayer.Pool(output, out var norm);
                    var z = TensorPrimitives.Dot(head.AsSpan(0, TextEmbedder.Dimensions), e) * HeadScale + head[^1];
                    var dz = (float)((1 / (1 + Math.Exp(-z)) - y[i]) / batch.Length);
                    TensorPrimitives.MultiplyAdd(e, dz * HeadScale, local.Item2.AsSpan(0, TextEmbedder.Dimensions), local.Item2.AsSpan(0, TextEmbedder.Dimensions));
                    local.Item2[^1] += dz;
                    var de = new float[TextEmbedder.Dimensions];
                    TensorPrimitives.Multiply(head.AsSpan(0, TextEmbedder.Dimensions), dz * HeadScale, de);
                    layer.Backward(inputs[i], traces, TransformerLayer.PoolBackward(output.Length / TextEmbedder.Dimensions, e, norm, de), local.Item1);
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

    /// <summary>The top <paramref name="count"/> layers' tensors, where each one's raw data sits in the model file, and the name of the lowest one's input.</summary>
    internal static (LayerStack Layers, long[] Offsets, string Input) ReadTopLayers(ModelProto onnx, byte[] modelBytes, int count)
    {
        var graph = onnx.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        string? input = null;
        var layers = new List<TransformerLayer>();
        var offsets = new List<long>();
        for (var index = 6 - count; index < 6; index++)
        {
            var tensors = new List<TensorProto>();
            foreach (var name in TransformerLayer.OnnxNames(index))
            {
                if (!name.StartsWith("MatMul:", StringComparison.Ordinal))
                {
                    tensors.Add(initializers[name]);
                    continue;
                }
                var bias = name["MatMul:".Length..];
                var add = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains(bias));
                var matmul = producers[add.Input.Single(i => i != bias)];
                tensors.Add(initializers[matmul.Input[1]]);
                if (bias.EndsWith("self.query.bias", StringComparison.Ordinal))
                    input ??= matmul.Input[0];
            }
            layers.Add(TransformerLayer.From(tensors.Select(t =>
            {
                var raw = t.RawData.ToByteArray();
                var floats = new float[raw.Length / 4];
                Buffer.BlockCopy(raw, 0, floats, 0, raw.Length);
                return floats;
            }).ToArray()));
            offsets.AddRange(tensors.Select(t =>
            {
                var raw = t.RawData.Span;
                var at = modelBytes.AsSpan().IndexOf(raw);
                if (at < 0 || modelBytes.AsSpan(at + 1).IndexOf(raw) >= 0)
                    throw new InvalidOperationException($"tensor {t.Name}: its bytes are not found exactly once in the model file");
                return (long)at;
            }));
        }
        return (new LayerStack([.. layers]), [.. offsets], input ?? throw new InvalidOperationException("the query MatMul of the lowest tuned layer was not found"));
    }

    /// <summary>Each text's states at the top layer's input and at the model's output (per text, unpadded).</summary>
    internal static (float[][] Inputs, float[][] Finals) LayerInputs(ModelProto onnx, string layerInput, string[] texts)
    {
        onnx.Graph.Output.Add(new ValueInfoProto { Name = layerInput });
        using var bytes = new MemoryStream();
        using (var coded = new Google.Protobuf.CodedOutputStream(bytes))
            onnx.WriteTo(coded);
        var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var session = new InferenceSession(bytes.ToArray(), options);
        var tokenizer = TunedMiniLM.Tokenizer.Load();
        var inputs = new float[texts.Length][];
        var finals = new float[texts.Length][];
        for (var i = 0; i < texts.Length; i++)
        {
            var (ids, types, mask) = tokenizer.Encode([texts[i]])[0];
            int[] shape = [1, ids.Length];
            using var outputs = session.Run(
            [
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
                NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
            ], [layerInput, "last_hidden_state"]);
            inputs[i] = outputs.First(o => o.Name == layerInput).AsTensor<float>().ToArray();
            finals[i] = outputs.First(o => o.Name == "last_hidden_state").AsTensor<float>().ToArray();
        }
        return (inputs, finals);
    }

    internal static void WriteLayer(string path, byte[] modelBytes, LayerStack layer, long[] offsets)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("ALERTTL1"u8);
        writer.Write(SHA256.HashData(modelBytes));
        var tensors = layer.All();
        writer.Write(tensors.Length);
        var half = new byte[2];
        for (var k = 0; k < tensors.Length; k++)
        {
            writer.Write(offsets[k]);
            writer.Write(tensors[k].Length);
            foreach (var v in tensors[k])
            {
                BinaryPrimitives.WriteHalfLittleEndian(half, (Half)v);
                writer.Write(half);
            }
        }
    }

    internal sealed class Adam(int size)
    {
        private readonly double[] _m = new double[size], _v = new double[size];
        private int _step;

        public void Step(float[][] parameters, float[][] gradients, double rate)
        {
            _step++;
            double c1 = 1 - Math.Pow(0.9, _step), c2 = 1 - Math.Pow(0.999, _step);
            var k = 0;
            for (var a = 0; a < parameters.Length; a++)
            {
                for (var j = 0; j < parameters[a].Length; j++, k++)
                {
                    _m[k] = 0.9 * _m[k] + 0.1 * gradients[a][j];
                    _v[k] = 0.999 * _v[k] + 0.001 * gradients[a][j] * gradients[a][j];
                    parameters[a][j] -= (float)(rate * _m[k] / c1 / (Math.Sqrt(_v[k] / c2) + 1e-8));
                }
            }
        }
    }
}
