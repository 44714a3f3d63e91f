namespace Alert.Judges.Embedded;

/// <summary>Each feature's mean and scale over training rows, for heads that read standardised features.</summary>
internal static class FeatureStandardisation
{
    /// <summary>Each column's mean and standard deviation (at least 1e-4, so a constant column divides
    /// safely).</summary>
    public static (float[] Mean, float[] Scale) Of(IReadOnlyList<float[]> x)
    {
        var d = x[0].Length;
        var mean = new float[d];
        var scale = new float[d];
        for (var j = 0; j < d; j++)
        {
            double s = 0, s2 = 0;
            foreach (var v in x)
            {
                s += v[j];
                s2 += v[j] * (double)v[j];
            }
            var m = s / x.Count;
            mean[j] = (float)m;
            scale[j] = (float)Math.Max(1e-4, Math.Sqrt(Math.Max(0, s2 / x.Count - m * m)));
        }
        return (mean, scale);
    }
}
