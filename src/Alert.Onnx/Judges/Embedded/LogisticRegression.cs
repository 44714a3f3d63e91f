namespace Alert.Judges.Embedded;

/// <summary>
/// L2-regularised logistic regression on standardised features, trained by full-batch Adam.
/// Small, deterministic and fast enough to retrain in cross-validation folds.
/// </summary>
public sealed class LogisticRegression
{
    /// <summary>Each feature's training mean (standardisation).</summary>
    public required float[] Mean { get; init; }
    /// <summary>Each feature's training scale (standardisation).</summary>
    public required float[] Scale { get; init; }
    /// <summary>Weights on the standardised features.</summary>
    public required float[] Weights { get; init; }
    /// <summary>The intercept.</summary>
    public required float Bias { get; init; }

    /// <summary>Probability that the response is unsafe.</summary>
    public float Predict(float[] x) => (float)(1 / (1 + Math.Exp(-Logit(x))));

    /// <summary>Log-odds that the response is unsafe.</summary>
    public double Logit(float[] x)
    {
        double z = Bias;
        for (var i = 0; i < Weights.Length; i++)
            z += Weights[i] * (x[i] - Mean[i]) / Scale[i];
        return z;
    }

    /// <param name="y">1 for unsafe, 0 for safe.</param>
    /// <param name="l2">Penalty on the weights (per example).</param>
    public static LogisticRegression Train(IReadOnlyList<float[]> x, IReadOnlyList<int> y, double l2 = 1e-2,
        int epochs = 300, double learningRate = 0.05)
    {
        var n = x.Count;
        var d = x[0].Length;
        var mean = new float[d];
        var scale = new float[d];
        for (var j = 0; j < d; j++)
        {
            double s = 0, s2 = 0;
            for (var i = 0; i < n; i++)
            {
                s += x[i][j];
                s2 += x[i][j] * x[i][j];
            }
            var m = s / n;
            mean[j] = (float)m;
            scale[j] = (float)Math.Max(1e-4, Math.Sqrt(Math.Max(0, s2 / n - m * m)));
        }
        var z = new float[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = new float[d];
            for (var j = 0; j < d; j++)
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
        }
        // Balance the classes so the threshold 0.5 is meaningful on skewed data.
        var positives = y.Count(v => v == 1);
        var wPos = n / (2.0 * Math.Max(1, positives));
        var wNeg = n / (2.0 * Math.Max(1, n - positives));
        var w = new double[d];
        double b = 0;
        var mw = new double[d];
        var vw = new double[d];
        double mb = 0, vb = 0;
        const double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        var grad = new double[d];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            Array.Clear(grad);
            double gb = 0;
            for (var i = 0; i < n; i++)
            {
                var zi = z[i];
                var s = b;
                for (var j = 0; j < d; j++)
                    s += w[j] * zi[j];
                var p = 1 / (1 + Math.Exp(-s));
                var err = (p - y[i]) * (y[i] == 1 ? wPos : wNeg);
                for (var j = 0; j < d; j++)
                    grad[j] += err * zi[j];
                gb += err;
            }
            for (var j = 0; j < d; j++)
            {
                var g = grad[j] / n + l2 * w[j];
                mw[j] = beta1 * mw[j] + (1 - beta1) * g;
                vw[j] = beta2 * vw[j] + (1 - beta2) * g * g;
                w[j] -= learningRate * (mw[j] / (1 - Math.Pow(beta1, epoch))) / (
                    Math.Sqrt(vw[j] / (1 - Math.Pow(beta2, epoch))) + eps);
            }
            gb /= n;
            mb = beta1 * mb + (1 - beta1) * gb;
            vb = beta2 * vb + (1 - beta2) * gb * gb;
            b -= learningRate * (mb / (1 - Math.Pow(beta1, epoch))) / (
                Math.Sqrt(vb / (1 - Math.Pow(beta2, epoch))) + eps);
        }
        return new LogisticRegression
        {
            Mean = mean,
            Scale = scale,
            Weights = w.Select(v => (float)v).ToArray(),
            Bias = (float)b
        };
    }
}
