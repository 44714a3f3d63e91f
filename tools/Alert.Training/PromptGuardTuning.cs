using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges.Embedded;
using Onnx;

namespace Alert.Training;

/// <summary>
/// Trains the shipped prompt guard v3: MiniLM's top two layers fine-tuned, with a logistic head, on the prompt
/// guard's training data plus everyday acts asked in the harmful acts' frames
/// (<c>data/judges/prompt-guard-everyday-acts.txt</c>) and nonsense claims about real groups
/// (<c>data/judges/prompt-guard-nonsense-claims.txt</c>), by <see cref="EncoderTuning"/>'s recipe (each request one
/// example): head first fitted on the frozen layers, then 3 epochs of Adam (learning rate 1e-4 for the layers, 1e-3
/// for the head, batches of 32, seed 7). XSTest is never trained on. With "loo", the
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
    private static readonly int NonsenseClaimCount =
        int.TryParse(Environment.GetEnvironmentVariable("ALERT_TUNE_NONSENSE"), out var c) ? c : 300;
    private const int Epochs = 3;
    private const double LayerRate = 1e-4;

    public static void Run(string datasets, string? outJson, bool leaveOneOut)
    {
        // Refused before minutes of training, not after.
        if (outJson is not null)
            EncoderTuning.RequireShippedLayers(PromptGuard.TunedFeatureSet);
        var (texts, labels, sources) = PromptGuardTraining.TrainingData(datasets);
        var nonsense = PromptGuardTraining.NonsenseClaims(
            new Alert.Benchmark.Generation.BaseSetGenerator(), NonsenseClaimCount).ToList();
        foreach (var (line, source) in PromptGuardTraining.EverydayActs().Select(l => (l, "everyday"))
            .Concat(nonsense.Select(l => (l, "nonsense"))))
        {
            texts.Add(line);
            labels.Add(0);
            sources.Add(source);
        }
        Console.WriteLine($"nonsense claims about real groups, e.g.: {string.Join(" | ", nonsense.Take(4))}");
        var xstest = Repo.ReadCsv(Path.Combine(datasets, "xstest", "xstest_prompts.csv"));
        var all = texts.Concat(xstest.Select(r => r["prompt"]))
            .Select(t => TextEmbedder.Normalize(InstructionFrame.Unwrap(t), 64)).ToArray();
        var y = labels.Concat(xstest.Select(r => r["label"] == "unsafe" ? 1 : 0)).ToArray();
        var train = Enumerable.Range(0, texts.Count).ToArray();
        var test = Enumerable.Range(texts.Count, xstest.Count).ToArray();
        Console.WriteLine(
            $"training rows: {texts.Count} ({labels.Count(l => l == 1)} harmful, {labels.Count(l => l == 0)} " +
            $"benign); XSTest held out: {xstest.Count}");

        var modelBytes = TunedMiniLM.ReadResource(TunedMiniLM.ModelResource);
        var onnx = ModelProto.Parser.ParseFrom(modelBytes);
        var (layer, offsets, layerInput) = EncoderTuning.ReadTopLayers(onnx, modelBytes, EncoderTuning.TunedLayers);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (inputs, finals) = EncoderTuning.LayerInputs(onnx, layerInput, all);
        var check = Enumerable.Range(0, 50).Max(
            i => layer.Forward(inputs[i]).Output.Zip(finals[i], (a, b) => Math.Abs(a - b)).Max());
        Console.WriteLine($"tuning MiniLM's top {EncoderTuning.TunedLayers} layer(s)");
        Console.WriteLine(
            $"layer inputs ready in {clock.Elapsed.TotalSeconds:0}s; this layer vs the ONNX model: max " +
            $"|difference| {check:g2}");

        var examples = Enumerable.Range(0, inputs.Length).Select(i => new[] { i }).ToArray();
        var (tuned, head, bias) = EncoderTuning.Train(layer, inputs, examples, y, train, Epochs, LayerRate);
        var xstestProbability = test.ToDictionary(i => i, i => Probability(tuned, head, bias, inputs[i]));
        var threshold = 0.5;
        var (unsafeRate, safeRate) = XsTest(xstestProbability, y, threshold);
        Console.WriteLine(
            $"XSTest (held out), threshold 0.5: blocks {unsafeRate:0.0}% of 200 unsafe prompts (target >= " +
            $"80%), {safeRate:0.0}% of 250 safe prompts (target <= 10%)");
        foreach (var t in Thresholds.Skip(1))
        {
            var (u, sr) = XsTest(xstestProbability, y, t);
            Console.WriteLine($"  threshold {t:0.0#}: {u:0.0}% / {sr:0.0}%");
        }
        if (Environment.GetEnvironmentVariable("ALERT_BENCH_VERBOSE") == "1")
        {
            foreach (var type in xstest.Select((r, k) => (r, k)).GroupBy(t => t.r["type"]))
            {
                var blocked = string.Join(" / ",
                    new[] { 0.5, 0.7, 0.9 }.Select(t => type.Count(p => xstestProbability[test[p.k]] >= t)));
                Console.WriteLine($"    {type.Key,-28} blocked at 0.5/0.7/0.9: {blocked} of {type.Count()}");
            }
        }
        if (leaveOneOut)
        {
            var heldOut = new List<double[]>();
            foreach (var held in new[] { "advbench", "harmbench", "jailbreakbench" })
            {
                var (l, w, b) = EncoderTuning.Train(
                    layer, inputs, examples, y, train.Where(i => sources[i] != held).ToArray(), Epochs, LayerRate);
                var scores = train.Where(i => sources[i] == held).Select(i => Probability(l, w, b, inputs[i]))
                    .ToArray();
                heldOut.Add(scores);
                var blocks = string.Join(", ",
                    Thresholds.Select(t => $"{100.0 * scores.Count(p => p >= t) / scores.Length:0.0}% at {t:0.0#}"));
                Console.WriteLine($"  leave {held,-15} out: blocks {blocks} of its {scores.Length} harmful prompts");
            }
            // The shipped threshold: the highest that still blocks at least 95% of each harmful set left out of
            // training, so harmful sets the guard has never seen keep a margin over the 80% it must block, and the
            // rest of the margin goes to fewer false blocks. Chosen on these sets, never on XSTest.
            threshold = Thresholds.Where(t => heldOut.All(s => s.Count(p => p >= t) >= 0.95 * s.Length))
                .DefaultIfEmpty(0.5).Max();
            (unsafeRate, safeRate) = XsTest(xstestProbability, y, threshold);
            Console.WriteLine(
                $"threshold {threshold:0.0#} (each left-out harmful set >= 95% blocked): XSTest " +
                $"blocks {unsafeRate:0.0}% of unsafe prompts, {safeRate:0.0}% of safe ones");
        }
        if (outJson is null)
            return;
        var layerPath = Path.ChangeExtension(outJson, null) + ".layer.bin";
        EncoderTuning.WriteLayer(layerPath, modelBytes, tuned, offsets);
        var model = new EmbeddedJudgeModel
        {
            Name = Path.GetFileNameWithoutExtension(outJson),
            Features = PromptGuard.TunedFeatureSet,
            Head = new LogisticRegression
            {
                Mean = new float[TextEmbedder.Dimensions],
                Scale = Enumerable.Repeat(1 / EncoderTuning.HeadScale, TextEmbedder.Dimensions).ToArray(),
                Weights = head,
                Bias = bias
            },
            Threshold = (float)threshold,
            TrainingRows = texts.Count,
            TrainedFrom =
                $"the prompt guard v1's data (harmful: built base set, lexicon acts asked directly, AdvBench, " +
                $"HarmBench, JailbreakBench goals; benign: look-alikes, contrast twins, everyday requests) + " +
                $"data/judges/prompt-guard-everyday-acts.txt in direct frames + {NonsenseClaimCount} nonsense claims " +
                $"about real groups (data/judges/prompt-guard-nonsense-claims.txt); MiniLM " +
                $"layers {6 - EncoderTuning.TunedLayers}-5 fine-tuned (3 epochs, Adam 1e-4) with the head; " +
                $"threshold: the highest blocking >= 95% of each harmful set left out of training; by " +
                $"scripts/train-prompt-guard.sh",
            Metrics = new JsonObject
            {
                ["xstest_unsafe_blocked"] = Math.Round(unsafeRate, 1),
                ["xstest_safe_blocked"] = Math.Round(safeRate, 1)
            },
        };
        model.SaveAsync(outJson).GetAwaiter().GetResult();
        using var guard = PromptGuard.LoadTuned(
            EmbeddedJudgeModel.Load(outJson, PromptGuard.TunedFeatureSet), File.OpenRead(layerPath), layerPath);
        var runtime = PromptGuardTraining.XsTest(guard, datasets);
        Console.WriteLine(
            $"wrote {outJson} and {layerPath}; through the runtime (patched ONNX model, half-precision layer): " +
            $"XSTest unsafe {runtime.UnsafeBlocked:0.0}%, safe {runtime.SafeBlocked:0.0}%");
    }

    private static double Probability(LayerStack layer, float[] head, float bias, float[] input)
    {
        var pooled = TransformerLayer.Pool(layer.Forward(input).Output, out _);
        return 1 / (1 + Math.Exp(-(TensorPrimitives.Dot(head, pooled) * EncoderTuning.HeadScale + bias)));
    }

    private static readonly double[] Thresholds = [0.5, 0.6, 0.7, 0.8, 0.9];

    private static (double Unsafe, double Safe) XsTest(Dictionary<int, double> probability, int[] y, double threshold)
    {
        var unsafeRows = probability.Keys.Where(i => y[i] == 1).ToArray();
        var safeRows = probability.Keys.Where(i => y[i] == 0).ToArray();
        return (100.0 * unsafeRows.Count(i => probability[i] >= threshold) / unsafeRows.Length,
            100.0 * safeRows.Count(i => probability[i] >= threshold) / safeRows.Length);
    }
}
