using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using Alert.Judges.Embedded;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace Alert.Training;

/// <summary>
/// Fine-tuning MiniLM's top layers with a logistic head on CPU, shared by the prompt guard (<see
/// cref="PromptGuardTuning"/>)
/// and the judge's response encoder (<see cref="JudgeTuning"/>): the lowest tuned layer's input states come from the
/// package's ONNX model (its graph gains that tensor as an output), the layers run in <see cref="TransformerLayer"/>,
/// and the tuned tensors are written as <see cref="TunedMiniLM"/>'s layer file.
/// </summary>
internal static class EncoderTuning
{
    public const int Batch = 32;
    public const double HeadRate = 1e-3;
    public const double HeadL2 = 1e-4;
    // The head reads the unit-length embedding scaled by 10 (LogisticRegression scale 0.1), as it was trained.
    public const float HeadScale = 10;
    /// <summary>How many top layers are tuned: ALERT_TUNE_LAYERS, 2 by default (what both shipped encoders
    /// are).</summary>
    public static readonly int TunedLayers = int.TryParse(
        Environment.GetEnvironmentVariable("ALERT_TUNE_LAYERS"), out var n) ? n : 2;

    /// <summary>
    /// How many of MiniLM's layers the tuned reader keeps: ALERT_READER_DEPTH, 6 (all) by default; the tuned layers are
    /// its
    /// top <see cref="TunedLayers"/>. The judge's response encoder v2 is 3 deep.
    /// </summary>
    public static readonly int ReaderDepth = int.TryParse(
        Environment.GetEnvironmentVariable("ALERT_READER_DEPTH"), out var d) ? d : LayerTruncation.MiniLMLayers;

    /// <summary>A layer file is written only as the shipped feature sets read it: two tuned layers; other counts are
    /// measured only.</summary>
    public static void RequireShippedLayers(string featureSet)
    {
        if (TunedLayers != 2)
            throw new InvalidOperationException(
                $"the shipped feature set {featureSet} reads two tuned layers; run with " +
                $"ALERT_TUNE_LAYERS={TunedLayers} only to measure (OUT -)");
        if (TunedLayers > ReaderDepth)
            throw new InvalidOperationException(
                $"ALERT_TUNE_LAYERS={TunedLayers} is more than the reader's {ReaderDepth} layers");
    }

    /// <summary>Each example's embedding: the unit-length mean of its sequences' pooled embeddings.</summary>
    public static Dictionary<int, float[]> Embed(LayerStack layers, float[][] inputs, int[][] chunks, int[] rows)
    {
        var pooled = new System.Collections.Concurrent.ConcurrentDictionary<int, float[]>();
        Parallel.ForEach(rows.SelectMany(i => chunks[i]).Distinct(), k =>
            pooled[k] = TransformerLayer.Pool(layers.Forward(inputs[k]).Output, out _));
        return rows.Distinct().ToDictionary(i => i, i => UnitMean(chunks[i].Select(k => pooled[k]).ToArray(), out _));
    }

    public static float[] UnitMean(float[][] vectors, out float norm)
    {
        var mean = new float[TextEmbedder.Dimensions];
        foreach (var v in vectors)
            TensorPrimitives.Add(mean, v, mean);
        TensorPrimitives.Divide(mean, vectors.Length, mean);
        norm = TensorPrimitives.Norm(mean);
        TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }

    /// <summary>
    /// The head first, on the frozen layers' embeddings; then the layers and the head together: Adam, batches of
    /// <see cref="Batch"/>, seed 7. An example is one or more sequences (the guard: a request; the judge: a
    /// response's chunks), its embedding the unit-length mean of theirs, so the loss reaches every sequence.
    /// </summary>
    public static (LayerStack Layers, float[] Head, float Bias) Train(
        LayerStack frozen, float[][] inputs, int[][] chunks, int[] y, int[] train, int epochs, double layerRate)
    {
        // The head first, on the frozen layers' response embeddings.
        var start = Embed(frozen, inputs, chunks, train);
        var head = new float[TextEmbedder.Dimensions + 1];
        var adamHead = new Adam(head.Length);
        for (var step = 0; step < 300; step++)
        {
            var g = new float[head.Length];
            foreach (var i in train)
            {
                var z = TensorPrimitives.Dot(head.AsSpan(0, TextEmbedder.Dimensions), start[i]) * HeadScale + head[^1];
                var d = (float)((1 / (1 + Math.Exp(-z)) - y[i]) / train.Length);
                TensorPrimitives.MultiplyAdd(start[i], d * HeadScale, g.AsSpan(0, TextEmbedder.Dimensions),
                    g.AsSpan(0, TextEmbedder.Dimensions));
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
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = train.OrderBy(_ => random.Next()).ToArray();
            for (var s = 0; s < order.Length; s += Batch)
            {
                var batch = order.AsSpan(s, Math.Min(Batch, order.Length - s)).ToArray();
                var layerGrad = layer.Zeros();
                var headGrad = new float[head.Length];
                var gate = new object();
                Parallel.For(0, batch.Length,
                    new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () =>
                    (layer.Zeros(), new float[head.Length]), (b, _, local) =>
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
                    TensorPrimitives.MultiplyAdd(
                        u, dz * HeadScale, local.Item2.AsSpan(0, TextEmbedder.Dimensions),
                        local.Item2.AsSpan(0, TextEmbedder.Dimensions));
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
                        layer.Backward(inputs[chunks[i][c]], passes[c].Traces,
                            TransformerLayer.PoolBackward(
                            output.Length / TextEmbedder.Dimensions, pooled[c], norms[c], dPooled), local.Item1);
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
                adamLayer.Step(layer.All(), layerGrad.All(), layerRate);
                adamHead.Step([head], [headGrad], HeadRate);
            }
        }
        return (layer, head[..TextEmbedder.Dimensions], head[^1]);
    }

    /// <summary>
    /// The top <paramref name="count"/> layers of a reader <paramref name="depth"/> layers deep: their tensors, where
    /// each
    /// one's raw data sits in the model file, and the name of the lowest one's input.
    /// </summary>
    public static (LayerStack Layers, long[] Offsets, string Input) ReadTopLayers(
        ModelProto onnx, byte[] modelBytes, int count, int depth = LayerTruncation.MiniLMLayers)
    {
        var graph = onnx.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        string? input = null;
        var layers = new List<TransformerLayer>();
        var offsets = new List<long>();
        for (var index = depth - count; index < depth; index++)
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
                    throw new InvalidOperationException(
                        $"tensor {t.Name}: its bytes are not found exactly once in the model file");
                return (long)at;
            }));
        }
        return (new LayerStack([.. layers]), [.. offsets],
            input ?? throw new InvalidOperationException("the query MatMul of the lowest tuned layer was not found"));
    }

    /// <summary>Each text's states at the top layer's input and at the model's output (per text, unpadded).</summary>
    public static (float[][] Inputs, float[][] Finals) LayerInputs(ModelProto onnx, string layerInput, string[] texts)
    {
        onnx.Graph.Output.Add(new ValueInfoProto { Name = layerInput });
        using var bytes = new MemoryStream();
        using (var coded = new Google.Protobuf.CodedOutputStream(bytes))
            onnx.WriteTo(coded);
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
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

    /// <summary>The tuned tensors as <see cref="TunedMiniLM"/>'s layer file: version 1 for the whole model, version 2
    /// naming the reader's depth.</summary>
    public static void WriteLayer(string path, byte[] modelBytes, LayerStack layer, long[] offsets,
        int depth = LayerTruncation.MiniLMLayers)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(depth == LayerTruncation.MiniLMLayers ? "ALERTTL1"u8 : "ALERTTL2"u8);
        writer.Write(SHA256.HashData(modelBytes));
        if (depth != LayerTruncation.MiniLMLayers)
            writer.Write(depth);
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

    public sealed class Adam(int size)
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
