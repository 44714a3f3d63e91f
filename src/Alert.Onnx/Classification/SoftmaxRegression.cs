using Alert.Judges.Embedded;

namespace Alert.Classification;

/// <summary>
/// Multinomial logistic regression (softmax) on standardised features, L2-penalised, trained by full-batch Adam
/// from zero weights: deterministic (same rows, same order, same weights) and small enough to retrain in every
/// cross-validation fold.
/// </summary>
internal sealed class SoftmaxRegression
{
    /// <summary>Each feature's training mean.</summary>
    public required float[] Mean { get; init; }
    /// <summary>Each feature's training scale (standard deviation, at least 1e-4).</summary>
    public required float[] Scale { get; init; }
    /// <summary>One row of weights per class, on the standardised features.</summary>
    public required float[][] Weights { get; init; }
    /// <summary>One intercept per class.</summary>
    public required float[] Bias { get; init; }

    /// <summary>Each class's probability.</summary>
    public double[] Probabilities(float[] x)
    {
        var z = new double[Weights.Length];
        for (var c = 0; c < z.Length; c++)
        {
            double s = Bias[c];
            var w = Weights[c];
            for (var j = 0; j < w.Length; j++)
                s += w[j] * (x[j] - Mean[j]) / Scale[j];
            z[c] = s;
        }
        Softmax(z);
        return z;
    }

    /// <summary>Trains on rows <paramref name="x"/> with classes <paramref name="y"/> (0 to
    /// <paramref name="classes"/> - 1), each row counting <paramref name="rowWeights"/> times in the loss.</summary>
    public static SoftmaxRegression Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y,
        IReadOnlyList<double> rowWeights, int classes, double l2, int epochs = 150, double learningRate = 0.05)
    {
        var n = x.Count;
        var d = x[0].Length;
        var (mean, scale) = FeatureStandardisation.Of(x);
        var z = x.Select(row => row.Select((v, j) => (v - mean[j]) / scale[j]).ToArray()).ToArray();
        var totalWeight = rowWeights.Sum();
        var w = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
        var b = new float[classes];
        var adam = new Adam(classes * (d + 1), learningRate);
        var gw = Enumerable.Range(0, classes).Select(_ => new float[d]).ToArray();
        var grad = new double[classes * (d + 1)];
        var gb = new double[classes];
        var p = new double[classes];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            foreach (var g in gw)
                Array.Clear(g);
            Array.Clear(gb);
            for (var i = 0; i < n; i++)
            {
                for (var c = 0; c < classes; c++)
                    p[c] = b[c] + Vectors.Dot(w[c], z[i]);
                Softmax(p);
                for (var c = 0; c < classes; c++)
                {
                    var err = (p[c] - (y[i] == c ? 1 : 0)) * rowWeights[i] / totalWeight;
                    Vectors.AddScaled(gw[c], (float)err, z[i]);
                    gb[c] += err;
                }
            }
            for (var c = 0; c < classes; c++)
            {
                for (var j = 0; j < d; j++)
                    grad[c * (d + 1) + j] = gw[c][j] + l2 * w[c][j];
                grad[c * (d + 1) + d] = gb[c];
            }
            var step = adam.Step(grad, epoch);
            for (var c = 0; c < classes; c++)
            {
                for (var j = 0; j < d; j++)
                    w[c][j] -= (float)step[c * (d + 1) + j];
                b[c] -= (float)step[c * (d + 1) + d];
            }
        }
        return new SoftmaxRegression { Mean = mean, Scale = scale, Weights = w, Bias = b };
    }

    private static void Softmax(double[] z)
    {
        var max = z.Max();
        double sum = 0;
        for (var c = 0; c < z.Length; c++)
        {
            z[c] = Math.Exp(z[c] - max);
            sum += z[c];
        }
        for (var c = 0; c < z.Length; c++)
            z[c] /= sum;
    }

    // Adam's per-parameter step (bias-corrected first and second moments).
    private sealed class Adam(int size, double learningRate)
    {
        private readonly double[] _m = new double[size];
        private readonly double[] _v = new double[size];
        private readonly double[] _step = new double[size];

        public double[] Step(double[] grad, int t)
        {
            const double Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
            var c1 = 1 - Math.Pow(Beta1, t);
            var c2 = 1 - Math.Pow(Beta2, t);
            for (var k = 0; k < grad.Length; k++)
            {
                _m[k] = Beta1 * _m[k] + (1 - Beta1) * grad[k];
                _v[k] = Beta2 * _v[k] + (1 - Beta2) * grad[k] * grad[k];
                _step[k] = learningRate * (_m[k] / c1) / (Math.Sqrt(_v[k] / c2) + Eps);
            }
            return _step;
        }
    }
}
