using System.Runtime.Intrinsics;

namespace Alert.Classification;

/// <summary>
/// Float vector kernels for training, eight lanes at a time with <see cref="Vector256{T}"/> (the same sums in the
/// same order on every machine, with or without AVX, so training stays deterministic across machines).
/// </summary>
internal static class Vectors
{
    /// <summary>The dot product of two equally long vectors.</summary>
    public static float Dot(float[] a, float[] b)
    {
        var acc = Vector256<float>.Zero;
        var j = 0;
        for (; j <= a.Length - 8; j += 8)
            acc += Vector256.Create(a.AsSpan(j, 8)) * Vector256.Create(b.AsSpan(j, 8));
        var sum = 0f;
        for (var k = 0; k < 8; k++)
            sum += acc.GetElement(k);
        for (; j < a.Length; j++)
            sum += a[j] * b[j];
        return sum;
    }

    /// <summary><paramref name="acc"/> += <paramref name="scale"/> * <paramref name="x"/>.</summary>
    public static void AddScaled(float[] acc, float scale, float[] x)
    {
        var s = Vector256.Create(scale);
        var j = 0;
        for (; j <= acc.Length - 8; j += 8)
            (Vector256.Create(acc.AsSpan(j, 8)) + s * Vector256.Create(x.AsSpan(j, 8))).CopyTo(acc.AsSpan(j, 8));
        for (; j < acc.Length; j++)
            acc[j] += scale * x[j];
    }
}
