using System.Numerics.Tensors;

namespace Alert.Training;

/// <summary>
/// One BERT encoder layer of MiniLM-L6 (384 wide, 12 heads of 32, 1536-wide GELU feed-forward, post-LayerNorm)
/// with its backward pass, on one unpadded sequence: enough to fine-tune the model's top layer on CPU from the
/// ONNX model's own weights (weights stored [in][out], as the ONNX MatMuls hold them). Checked against the ONNX
/// model's output (tools/Alert.Training prompt-guard-tune prints the largest difference).
/// </summary>
internal sealed class TransformerLayer
{
    public const int D = 384, F = 1536, Heads = 12, HeadDim = 32;
    /// <summary>The ONNX initializer that holds each tensor of MiniLM's layer <paramref name="layer"/>, in <see
    /// cref="All"/> order ("MatMul:" = the weight of the MatMul feeding that bias).</summary>
    public static string[] OnnxNames(int layer) =>
    [
        .. new[]
        {
            "MatMul:attention.self.query.bias", "attention.self.query.bias", "MatMul:attention.self.key.bias",
                "attention.self.key.bias",
            "MatMul:attention.self.value.bias", "attention.self.value.bias", "MatMul:attention.output.dense.bias",
                "attention.output.dense.bias",
            "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias", "MatMul:intermediate.dense.bias",
                "intermediate.dense.bias",
            "MatMul:output.dense.bias", "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias",
        }.Select(n => n.StartsWith("MatMul:", StringComparison.Ordinal) ? $"MatMul:encoder.layer.{layer}.{n[7..]}"
            : $"encoder.layer.{layer}.{n}"),
    ];

    private static readonly int[] Sizes = [D * D, D, D * D, D, D * D, D, D * D, D, D, D, D * F, F, F * D, D, D, D];

    public float[] Wq = [], Bq = [], Wk = [], Bk = [], Wv = [], Bv = [], Wo = [], Bo = [], G1 = [], B1 = [], Wi =
        [], Bi = [], Wo2 = [], Bo2 = [], G2 = [], B2 = [];

    public float[][] All() => [Wq, Bq, Wk, Bk, Wv, Bv, Wo, Bo, G1, B1, Wi, Bi, Wo2, Bo2, G2, B2];

    public static TransformerLayer From(float[][] tensors)
    {
        var l = new TransformerLayer();
        for (var i = 0; i < tensors.Length; i++)
        {
            if (tensors[i].Length != Sizes[i])
                throw new InvalidOperationException($"tensor {i}: {tensors[i].Length} values, expected {Sizes[i]}");
        }
        (l.Wq, l.Bq, l.Wk, l.Bk, l.Wv, l.Bv, l.Wo, l.Bo, l.G1, l.B1, l.Wi, l.Bi, l.Wo2, l.Bo2, l.G2, l.B2) =
            (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4], tensors[5], tensors[6], tensors[7],
                tensors[8], tensors[9], tensors[10], tensors[11], tensors[12], tensors[13], tensors[14], tensors[15]);
        return l;
    }

    public static TransformerLayer Zeros() => From(Sizes.Select(n => new float[n]).ToArray());
    public TransformerLayer Clone() => From(All().Select(t => (float[])t.Clone()).ToArray());

    public void Add(TransformerLayer other)
    {
        var a = All();
        var b = other.All();
        for (var i = 0; i < a.Length; i++)
            TensorPrimitives.Add(a[i], b[i], a[i]);
    }

    /// <summary>What the forward pass keeps for the backward pass.</summary>
    public sealed class Trace
    {
        public int T;
        public float[] Q = [], K = [], V = [], Probs = [], Context = [], AttnHat = [], Attn = [], AttnInv =
            [], Hidden0 = [], Hidden = [], OutHat = [], OutInv = [], Output = [];
    }

    /// <summary>The layer's output for input states <paramref name="x"/> (T x 384, row-major).</summary>
    public Trace Forward(float[] x)
    {
        var T = x.Length / D;
        var c = new Trace { T = T, Q = new float[T * D], K = new float[T * D], V = new float[T * D] };
        Linear(x, T, D, Wq, Bq, D, c.Q);
        Linear(x, T, D, Wk, Bk, D, c.K);
        Linear(x, T, D, Wv, Bv, D, c.V);
        c.Probs = new float[Heads * T * T];
        c.Context = new float[T * D];
        var scale = 1 / MathF.Sqrt(HeadDim);
        for (var h = 0; h < Heads; h++)
        {
            for (var i = 0; i < T; i++)
            {
                var row = c.Probs.AsSpan((h * T + i) * T, T);
                for (var j = 0; j < T; j++)
                    row[j] = TensorPrimitives.Dot(
                        c.Q.AsSpan(i * D + h * HeadDim, HeadDim), c.K.AsSpan(j * D + h * HeadDim, HeadDim)) * scale;
                TensorPrimitives.SoftMax(row, row);
                var ci = c.Context.AsSpan(i * D + h * HeadDim, HeadDim);
                for (var j = 0; j < T; j++)
                    TensorPrimitives.MultiplyAdd(c.V.AsSpan(j * D + h * HeadDim, HeadDim), row[j], ci, ci);
            }
        }
        var attn0 = new float[T * D];
        Linear(c.Context, T, D, Wo, Bo, D, attn0);
        TensorPrimitives.Add(attn0, x, attn0);
        (c.Attn, c.AttnHat, c.AttnInv) = (new float[T * D], new float[T * D], new float[T]);
        LayerNorm(attn0, T, G1, B1, c.Attn, c.AttnHat, c.AttnInv);
        c.Hidden0 = new float[T * F];
        Linear(c.Attn, T, D, Wi, Bi, F, c.Hidden0);
        c.Hidden = new float[T * F];
        for (var k = 0; k < c.Hidden0.Length; k++)
            c.Hidden[k] = (float)(c.Hidden0[k] * Cdf(c.Hidden0[k]));
        var out0 = new float[T * D];
        Linear(c.Hidden, T, F, Wo2, Bo2, D, out0);
        TensorPrimitives.Add(out0, c.Attn, out0);
        (c.Output, c.OutHat, c.OutInv) = (new float[T * D], new float[T * D], new float[T]);
        LayerNorm(out0, T, G2, B2, c.Output, c.OutHat, c.OutInv);
        return c;
    }

    /// <summary>
    /// Adds to <paramref name="grads"/> the gradient of the loss given <paramref name="dOutput"/>, the gradient at the
    /// layer's output; with <paramref name="dInput"/>, also the gradient at its input (to train the layer below).
    /// </summary>
    public void Backward(float[] x, Trace c, float[] dOutput, TransformerLayer grads, float[]? dInput = null)
    {
        var T = c.T;
        var dOut0 = new float[T * D];
        LayerNormBack(dOutput, T, G2, c.OutHat, c.OutInv, grads.G2, grads.B2, dOut0);
        var dAttn = (float[])dOut0.Clone();
        var dHidden = new float[T * F];
        LinearBack(c.Hidden, T, F, Wo2, dOut0, D, grads.Wo2, grads.Bo2, dHidden);
        for (var k = 0; k < dHidden.Length; k++)
        {
            double h = c.Hidden0[k];
            dHidden[k] *= (float)(Cdf(h) + h * Math.Exp(-h * h / 2) / Math.Sqrt(2 * Math.PI));
        }
        LinearBack(c.Attn, T, D, Wi, dHidden, F, grads.Wi, grads.Bi, dAttn);
        var dAttn0 = new float[T * D];
        LayerNormBack(dAttn, T, G1, c.AttnHat, c.AttnInv, grads.G1, grads.B1, dAttn0);
        var dContext = new float[T * D];
        LinearBack(c.Context, T, D, Wo, dAttn0, D, grads.Wo, grads.Bo, dContext);
        var (dQ, dK, dV) = (new float[T * D], new float[T * D], new float[T * D]);
        var scale = 1 / MathF.Sqrt(HeadDim);
        var dP = new float[T];
        for (var h = 0; h < Heads; h++)
        {
            for (var i = 0; i < T; i++)
            {
                var probs = c.Probs.AsSpan((h * T + i) * T, T);
                var dci = dContext.AsSpan(i * D + h * HeadDim, HeadDim);
                for (var j = 0; j < T; j++)
                {
                    dP[j] = TensorPrimitives.Dot(dci, c.V.AsSpan(j * D + h * HeadDim, HeadDim));
                    var dvj = dV.AsSpan(j * D + h * HeadDim, HeadDim);
                    TensorPrimitives.MultiplyAdd(dci, probs[j], dvj, dvj);
                }
                var mean = TensorPrimitives.Dot(dP.AsSpan(0, T), probs);
                var dqi = dQ.AsSpan(i * D + h * HeadDim, HeadDim);
                for (var j = 0; j < T; j++)
                {
                    var ds = probs[j] * (dP[j] - mean) * scale;
                    TensorPrimitives.MultiplyAdd(c.K.AsSpan(j * D + h * HeadDim, HeadDim), ds, dqi, dqi);
                    var dkj = dK.AsSpan(j * D + h * HeadDim, HeadDim);
                    TensorPrimitives.MultiplyAdd(c.Q.AsSpan(i * D + h * HeadDim, HeadDim), ds, dkj, dkj);
                }
            }
        }
        LinearBack(x, T, D, Wq, dQ, D, grads.Wq, grads.Bq, dInput);
        LinearBack(x, T, D, Wk, dK, D, grads.Wk, grads.Bk, dInput);
        LinearBack(x, T, D, Wv, dV, D, grads.Wv, grads.Bv, dInput);
        if (dInput is not null)
            TensorPrimitives.Add(dInput, dAttn0, dInput); // the attention block's residual
    }

    /// <summary>The unit-length mean of the output states, as the sentence encoder pools them.</summary>
    public static float[] Pool(float[] output, out float norm)
    {
        var T = output.Length / D;
        var mean = new float[D];
        for (var t = 0; t < T; t++)
            TensorPrimitives.Add(mean, output.AsSpan(t * D, D), mean);
        TensorPrimitives.Divide(mean, T, mean);
        norm = TensorPrimitives.Norm(mean);
        TensorPrimitives.Divide(mean, norm, mean);
        return mean;
    }

    /// <summary>The gradient at the output states given <paramref name="dPooled"/>, the gradient at the pooled
    /// embedding <paramref name="pooled"/>.</summary>
    public static float[] PoolBackward(int T, float[] pooled, float norm, float[] dPooled)
    {
        var along = TensorPrimitives.Dot(pooled, dPooled);
        var dMean = new float[D];
        for (var j = 0; j < D; j++)
            dMean[j] = (dPooled[j] - pooled[j] * along) / norm / T;
        var dOutput = new float[T * D];
        for (var t = 0; t < T; t++)
            dMean.CopyTo(dOutput.AsSpan(t * D, D));
        return dOutput;
    }

    private static double Cdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    // Abramowitz and Stegun 7.1.26 (error below 1.5e-7), as .NET has no erf.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
            * Math.Exp(-x * x);
        return sign * y;
    }

    private static void Linear(float[] x, int T, int din, float[] w, float[] b, int dout, float[] output)
    {
        for (var t = 0; t < T; t++)
        {
            var ot = output.AsSpan(t * dout, dout);
            b.CopyTo(ot);
            for (var k = 0; k < din; k++)
                TensorPrimitives.MultiplyAdd(w.AsSpan(k * dout, dout), x[t * din + k], ot, ot);
        }
    }

    private static void LinearBack(float[] x, int T, int din, float[] w, float[] dy, int dout, float[] dw, float[] db,
        float[]? dx)
    {
        for (var t = 0; t < T; t++)
        {
            var dyt = dy.AsSpan(t * dout, dout);
            TensorPrimitives.Add(db, dyt, db);
            for (var k = 0; k < din; k++)
            {
                var dwk = dw.AsSpan(k * dout, dout);
                TensorPrimitives.MultiplyAdd(dyt, x[t * din + k], dwk, dwk);
                if (dx is not null)
                    dx[t * din + k] += TensorPrimitives.Dot(dyt, w.AsSpan(k * dout, dout));
            }
        }
    }

    private static void LayerNorm(float[] x, int T, float[] g, float[] b, float[] y, float[] xhat, float[] inv)
    {
        for (var t = 0; t < T; t++)
        {
            var xt = x.AsSpan(t * D, D);
            var mean = TensorPrimitives.Sum(xt) / D;
            double variance = 0;
            for (var j = 0; j < D; j++)
                variance += (xt[j] - mean) * (xt[j] - mean);
            inv[t] = (float)(1 / Math.Sqrt(variance / D + 1e-12));
            for (var j = 0; j < D; j++)
            {
                xhat[t * D + j] = (xt[j] - mean) * inv[t];
                y[t * D + j] = xhat[t * D + j] * g[j] + b[j];
            }
        }
    }

    private static void LayerNormBack(float[] dy, int T, float[] g, float[] xhat, float[] inv, float[] dg, float[] db,
        float[] dx)
    {
        var dxhat = new float[D];
        for (var t = 0; t < T; t++)
        {
            double m1 = 0, m2 = 0;
            for (var j = 0; j < D; j++)
            {
                var d = dy[t * D + j];
                dg[j] += d * xhat[t * D + j];
                db[j] += d;
                dxhat[j] = d * g[j];
                m1 += dxhat[j];
                m2 += dxhat[j] * xhat[t * D + j];
            }
            m1 /= D;
            m2 /= D;
            for (var j = 0; j < D; j++)
                dx[t * D + j] += (float)(inv[t] * (dxhat[j] - m1 - xhat[t * D + j] * m2));
        }
    }
}
