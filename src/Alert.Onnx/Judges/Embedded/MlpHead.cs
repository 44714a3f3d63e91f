using System.Numerics.Tensors;
using System.Text.Json.Nodes;

namespace Alert.Judges.Embedded;

/// <summary>
/// A small two-layer network over standardised features (one hidden layer of rectified units), the embedded judge's
/// head where one linear boundary cannot fit every kind of answer (refusals, echoes, role-play, chit-chat, advice):
/// trained by mini-batch Adam with balanced classes, a fixed seed and a fixed order, so the same rows give the same
/// file.
/// </summary>
public sealed class MlpHead
{
    /// <summary>Each feature's training mean (standardisation).</summary>
    public required float[] Mean { get; init; }
    /// <summary>Each feature's training scale (standardisation).</summary>
    public required float[] Scale { get; init; }
    /// <summary>Hidden weights, row-major: <see cref="Hidden"/> rows of the feature count.</summary>
    public required float[] W1 { get; init; }
    /// <summary>Hidden biases.</summary>
    public required float[] B1 { get; init; }
    /// <summary>Output weights, one per hidden unit.</summary>
    public required float[] W2 { get; init; }
    /// <summary>Output bias.</summary>
    public required float B2 { get; init; }

    /// <summary>Hidden units.</summary>
    public int Hidden => B1.Length;

    /// <summary>Log-odds that the response is unsafe.</summary>
    public double Logit(float[] x)
    {
        var d = Mean.Length;
        Span<float> z = d <= 2048 ? stackalloc float[d] : new float[d];
        TensorPrimitives.Subtract(x.AsSpan(0, d), Mean, z);
        TensorPrimitives.Divide(z, Scale, z);
        double s = B2;
        for (var h = 0; h < B1.Length; h++)
            s += W2[h] * Math.Max(0f, TensorPrimitives.Dot(W1.AsSpan(h * d, d), z) + B1[h]);
        return s;
    }

    /// <param name="x">Feature vectors.</param>
    /// <param name="y">1 for unsafe, 0 for safe.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="epochs">Passes over the rows.</param>
    /// <param name="l2">Weight decay (per step, on the weights, not the biases).</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="seed">Initial weights and row order.</param>
    public static MlpHead Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int hidden = 64, int epochs = 30,
        double l2 = 1e-4, double learningRate = 1e-3, int seed = 7)
    {
        var n = x.Count;
        var d = x[0].Length;
        var (mean, scale) = FeatureStandardisation.Of(x);
        var z = new float[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = new float[d];
            TensorPrimitives.Subtract(x[i].AsSpan(0, d), mean, z[i]);
            TensorPrimitives.Divide(z[i], scale, z[i]);
        }
        var positives = y.Count(v => v == 1);
        var wPos = (float)(n / (2.0 * Math.Max(1, positives)));
        var wNeg = (float)(n / (2.0 * Math.Max(1, n - positives)));
        var random = new Random(seed);
        var bound = (float)Math.Sqrt(6.0 / d);
        var w1 = Enumerable.Range(0, hidden * d).Select(_ => (float)(random.NextDouble() * 2 - 1) * bound).ToArray();
        var b1 = new float[hidden];
        var w2 = Enumerable.Range(0, hidden).Select(
            _ => (float)(random.NextDouble() * 2 - 1) * (float)Math.Sqrt(6.0 / hidden)).ToArray();
        var b2 = new float[1];
        var adam = new[] { new Adam(w1.Length), new Adam(hidden), new Adam(hidden), new Adam(1) };
        var order = Enumerable.Range(0, n).ToArray();
        const int batch = 128;
        var g1 = new float[w1.Length];
        var gb1 = new float[hidden];
        var g2 = new float[hidden];
        var gb2 = new float[1];
        var a = new float[hidden];
        var step = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < n; start += batch)
            {
                Array.Clear(g1);
                Array.Clear(gb1);
                Array.Clear(g2);
                gb2[0] = 0;
                var end = Math.Min(n, start + batch);
                for (var k = start; k < end; k++)
                {
                    var i = order[k];
                    var s = b2[0];
                    for (var h = 0; h < hidden; h++)
                    {
                        a[h] = Math.Max(0f, TensorPrimitives.Dot(w1.AsSpan(h * d, d), z[i]) + b1[h]);
                        s += w2[h] * a[h];
                    }
                    var p = 1 / (1 + MathF.Exp(-s));
                    var err = (p - y[i]) * (y[i] == 1 ? wPos : wNeg) / (end - start);
                    gb2[0] += err;
                    for (var h = 0; h < hidden; h++)
                    {
                        g2[h] += err * a[h];
                        if (a[h] <= 0)
                            continue;
                        var back = err * w2[h];
                        gb1[h] += back;
                        TensorPrimitives.MultiplyAdd(z[i], back, g1.AsSpan(h * d, d), g1.AsSpan(h * d, d));
                    }
                }
                step++;
                TensorPrimitives.MultiplyAdd(w1, (float)l2, g1, g1);
                TensorPrimitives.MultiplyAdd(w2, (float)l2, g2, g2);
                adam[0].Step(w1, g1, learningRate, step);
                adam[1].Step(b1, gb1, learningRate, step);
                adam[2].Step(w2, g2, learningRate, step);
                adam[3].Step(b2, gb2, learningRate, step);
            }
        }
        return new MlpHead { Mean = mean, Scale = scale, W1 = w1, B1 = b1, W2 = w2, B2 = b2[0] };
    }

    /// <summary>
    /// Heads trained from <paramref name="seeds"/> seeds, averaged: the mean of their log-odds, which is itself one
    /// head
    /// with all their hidden units side by side and the output weights divided by their number.
    /// </summary>
    public static MlpHead TrainAveraged(IReadOnlyList<float[]> x, IReadOnlyList<int> y, int seeds, int hidden = 64,
        int epochs = 30, double l2 = 1e-4)
    {
        var heads = Enumerable.Range(0, Math.Max(1, seeds)).Select(k => Train(x, y, hidden, epochs, l2, seed: 7 + k))
            .ToArray();
        if (heads.Length == 1)
            return heads[0];
        return new MlpHead
        {
            Mean = heads[0].Mean,
            Scale = heads[0].Scale,
            W1 = heads.SelectMany(h => h.W1).ToArray(),
            B1 = heads.SelectMany(h => h.B1).ToArray(),
            W2 = heads.SelectMany(h => h.W2.Select(w => w / heads.Length)).ToArray(),
            B2 = heads.Average(h => h.B2),
        };
    }

    /// <summary>The head as the model file's <c>mlp</c> object.</summary>
    public JsonObject ToJson() => new()
    {
        ["hidden"] = Hidden,
        ["mean"] = Floats(Mean),
        ["scale"] = Floats(Scale),
        ["w1"] = Floats(W1),
        ["b1"] = Floats(B1),
        ["w2"] = Floats(W2),
        ["b2"] = B2,
    };

    /// <summary>The head from a model file's <c>mlp</c> object for <paramref name="features"/> features; a malformed
    /// one names <paramref name="name"/>.</summary>
    public static MlpHead FromJson(JsonObject o, int features, string name)
    {
        float[] Read(string field) =>
            o[field]?.AsArray().Select(v => (float)v!)
                .ToArray() ?? throw new AlertException($"{name}: field 'mlp.{field}' missing");
        var head = new MlpHead
        {
            Mean = Read("mean"),
            Scale = Read("scale"),
            W1 = Read("w1"),
            B1 = Read("b1"),
            W2 = Read("w2"),
            B2 = (float?)o["b2"] ?? 0
        };
        if (head.Mean.Length != features || head.Scale.Length != features || head.W1.Length != head.Hidden * features
            || head.W2.Length != head.Hidden)
            throw new AlertException($"{name}: field 'mlp' has the wrong shape for {features} features");
        return head;
    }

    // Exact (shortest round-trip form): the loaded head gives the verdicts of the trained one.
    private static JsonArray Floats(float[] values) =>
        new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private sealed class Adam(int size)
    {
        private readonly float[] _m = new float[size];
        private readonly float[] _v = new float[size];

        public void Step(Span<float> weights, ReadOnlySpan<float> gradient, double rate, int t)
        {
            const float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
            var c1 = 1 - Math.Pow(beta1, t);
            var c2 = 1 - Math.Pow(beta2, t);
            for (var j = 0; j < weights.Length; j++)
            {
                _m[j] = beta1 * _m[j] + (1 - beta1) * gradient[j];
                _v[j] = beta2 * _v[j] + (1 - beta2) * gradient[j] * gradient[j];
                weights[j] -= (float)(rate * (_m[j] / c1) / (Math.Sqrt(_v[j] / c2) + eps));
            }
        }
    }
}
