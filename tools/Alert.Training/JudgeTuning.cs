using System.Numerics.Tensors;
using Alert.Judges.Embedded;
using Onnx;

namespace Alert.Training;

/// <summary>
/// Trains the judge's response encoder (<see cref="JudgeFeatures.ResponseEncoderPath"/>): the top two layers of a
/// reader
/// of MiniLM's lowest <c>ALERT_READER_DEPTH</c> layers (the shipped v2: 3; v1 was all 6) fine-tuned on the answers to
/// harmful requests by <see cref="EncoderTuning"/>'s recipe, a response's embedding being
/// the unit-length mean of its chunks' (as <see cref="JudgeFeatures"/> builds it), so the loss on its label trains the
/// layers through every chunk. Each split (pair, gcg: leave that JailbreakBench attack out; xstest: XSTest only ->
/// JailbreakBench; jbb: the reverse) tunes an encoder without the rows it tests and prints the judge's accuracy with
/// the frozen encoder, with the tuned response embedding only, and through the runtime path (the half-precision layer
/// file, every response-side feature tuned); with no JailbreakBench row in training, also distillation on it (heads
/// on some behaviours, tested on the others). OUT: the encoder trained on all answers to harmful requests.
/// Measured for v1 (6 layers; 3 epochs, rate 1e-4): PAIR 0.776 (frozen 0.747), GCG 0.870 (0.845), XSTest ->
/// JailbreakBench 0.864
/// (0.881), distillation there 0.891 (0.892), JailbreakBench -> XSTest 0.942 (0.921). One epoch gains nothing on PAIR
/// (0.747).
/// </summary>
internal static class JudgeTuning
{
    private static readonly int Epochs = int.TryParse(
        Environment.GetEnvironmentVariable("ALERT_TUNE_EPOCHS"), out var e) ? e : 3;
    private static readonly double LayerRate = double.TryParse(
        Environment.GetEnvironmentVariable("ALERT_TUNE_RATE"), System.Globalization.CultureInfo.InvariantCulture,
        out var r) ? r : 1e-4;

    public static void Run(string datasets, string folds, string? outLayer)
    {
        // Refused before minutes of training, not after.
        if (outLayer is not null)
            EncoderTuning.RequireShippedLayers(EmbeddedJudgeModel.FeatureSet);
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
        var (frozen, offsets, layerInput) = EncoderTuning.ReadTopLayers(
            onnx, modelBytes, EncoderTuning.TunedLayers, EncoderTuning.ReaderDepth);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (inputs, _) = EncoderTuning.LayerInputs(onnx, layerInput, [.. texts]);
        Console.WriteLine(
            $"{rows.Count} rows, {texts.Count} distinct chunks " +
            $"({inputs.Sum(v => v.Length) / TextEmbedder.Dimensions} tokens); layer inputs " +
            $"in {clock.Elapsed.TotalSeconds:0}s; tuning the top {EncoderTuning.TunedLayers} layer(s) of " +
            $"a {EncoderTuning.ReaderDepth}-layer reader, {Epochs} epochs, rate {LayerRate:g2}");

        var harmful = Enumerable.Range(0, rows.Count).Where(i => !rows[i].BenignPrompt).ToArray();
        var splits = new List<(string Name, Func<DevPair, bool> Train, Func<DevPair, bool> Test)>();
        foreach (var f in folds.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(f => f != "-"))
        {
            switch (f)
            {
                case "pair":
                    splits.Add(("leave out JBB attack PAIR", r => r.Method != "PAIR", r =>
                    r.Method == "PAIR")); break;
                case "gcg":
                    splits.Add(("leave out JBB attack GCG", r => r.Method != "GCG", r =>
                    r.Method == "GCG")); break;
                case "xstest":
                    splits.Add(("train XSTest -> test JBB", r => r.Domain == "xstest", r =>
                    r.Domain == "jailbreakbench")); break;
                case "jbb":
                    splits.Add(("train JBB -> test XSTest harmful", r => r.Domain == "jailbreakbench", r =>
                    r.Domain == "xstest" && !r.BenignPrompt)); break;
                default: throw new ArgumentException($"unknown split '{f}' (pair, gcg, xstest, jbb)");
            }
        }
        foreach (var (name, trainOn, testOn) in splits)
        {
            clock.Restart();
            var train = harmful.Where(i => trainOn(rows[i])).ToArray();
            var test = Enumerable.Range(0, rows.Count).Where(i => testOn(rows[i])).ToArray();
            var (layers, head, bias) = EncoderTuning.Train(frozen, inputs, chunks, y, train, Epochs, LayerRate);
            var used = train.Concat(test).ToArray();
            var tuned = EncoderTuning.Embed(layers, inputs, chunks, used);
            var baseLine = Fit(y, train, test, i => x[i]);
            var replaced = Fit(y, train, test, i => [.. tuned[i], .. x[i].AsSpan(TextEmbedder.Dimensions)]);
            var headAlone = test.Count(i => (TensorPrimitives.Dot(head, tuned[i]) * EncoderTuning.HeadScale + bias >= 0
                ? 1 : 0) == y[i]) / (double)test.Length;
            var frozenHead = Fit(y, train, test, i => x[i][..TextEmbedder.Dimensions], prior: false);
            // Through the runtime path: the half-precision layer file over the package's model, every response-side
            // feature read from the tuned encoder.
            var path = Path.Combine(Path.GetTempPath(), $"alert-judge-tune-{Environment.ProcessId}.layer.bin");
            EncoderTuning.WriteLayer(path, modelBytes, layers, offsets, EncoderTuning.ReaderDepth);
            var runtime = RuntimeFeatures(path, rows, used);
            File.Delete(path);
            var all = Fit(y, train, test, i => runtime[i]);
            Console.WriteLine(
                $"{name,-36} n={test.Length,5}  judge (frozen) {baseLine:0.000}  judge (tuned response " +
                $"embedding) {replaced:0.000}  judge (tuned, all response features) {all:0.000}  | head alone: " +
                $"frozen {frozenHead:0.000}, tuned {headAlone:0.000}  ({clock.Elapsed.TotalMinutes:0.0} min)");
            if (train.All(i => rows[i].Domain != "jailbreakbench"))
            {
                // Distillation with an encoder that never saw these answers: heads trained on some JailbreakBench
                // behaviours, tested on the others (5 folds by goal), frozen vs tuned features.
                var jbb = test.Select(i => rows[i].Pair with { Group = rows[i].Goal }).ToList();
                var options = new TrainingOptions();
                var frozenCv = EmbeddedJudgeTrainer.CrossValidate(
                    jbb, test.Select(i => x[i]).ToArray(), options, [0.85])[0];
                var tunedCv = EmbeddedJudgeTrainer.CrossValidate(
                    jbb, test.Select(i => runtime[i]).ToArray(), options, [0.85])[0];
                Console.WriteLine(
                    $"{"  distillation on them, 5 folds by goal",-36} n={test.Length,5}  " +
                    $"frozen {frozenCv.Accuracy:0.000}  tuned {tunedCv.Accuracy:0.000}");
            }
        }
        if (outLayer is null)
            return;
        clock.Restart();
        // Answers to everyday requests too, so the shallow reader keeps them apart (embedded:moderation reads them);
        // XSTest's
        // safe prompts starting A-L stay out, bench judge-human's held-out benign set.
        var shippedRows = harmful.Concat(Enumerable.Range(0, rows.Count)
            .Where(i => rows[i].BenignPrompt && char.ToUpperInvariant(rows[i].Goal[0]) >= 'M')).ToArray();
        var (shipped, _, _) = EncoderTuning.Train(frozen, inputs, chunks, y, shippedRows, Epochs, LayerRate);
        EncoderTuning.WriteLayer(outLayer, modelBytes, shipped, offsets, EncoderTuning.ReaderDepth);
        Console.WriteLine(
            $"trained on {harmful.Length} answers to harmful requests and {shippedRows.Length - harmful.Length} to " +
            $"benign ones in {clock.Elapsed.TotalMinutes:0.0} min; wrote {outLayer}");
    }

    private static Dictionary<int, float[]> RuntimeFeatures(string layerPath, List<DevPair> rows, int[] used)
    {
        // As the shipped judge reads: prompts by the frozen encoder in int8, responses by the tuned one in int8.
        using var prompts = JudgeFeatures.LoadPromptEncoder();
        using var layerFile = File.OpenRead(layerPath);
        using var tuned = new TextEmbedder(new TunedMiniLM(layerFile, layerPath, int8: true));
        using var features = new JudgeFeatures(prompts, tuned, layerPath);
        var x = features.Compute(used.Select(i => (rows[i].Pair.Prompt, rows[i].Pair.Response)).ToArray());
        return used.Select((i, k) => (i, k)).ToDictionary(t => t.i, t => x[t.k]);
    }

    /// <summary>
    /// Accuracy on <paramref name="test"/> of the judge's logistic head trained on <paramref name="train"/>, with the
    /// shipped
    /// judge's refusal prior (0.85) unless <paramref name="prior"/> is off (features without the refusal and guard
    /// ones).
    /// </summary>
    private static double Fit(int[] y, int[] train, int[] test, Func<int, float[]> features, bool prior = true)
    {
        var head = LogisticRegression.Train(train.Select(features).ToArray(), train.Select(i => y[i]).ToArray(), 0.3,
            300);
        var model = new EmbeddedJudgeModel { Name = "split", Head = head, RefusalPrior = prior ? 0.85f : 0 };
        return test.Count(i => (model.Predict(features(i)) >= model.Threshold ? 1 : 0) == y[i]) / (double)test.Length;
    }
}
