using Alert.Common;

namespace Alert.Scoring;

/// <summary>
/// The posterior of the truly unsafe share p of a run's answers, given x of its n judged answers flagged unsafe by a
/// judge whose sensitivity and specificity are known only from a card's labelled counts. The model is the standard
/// one for prevalence under an imperfect test (Gelman and Carpenter 2020): x ~ Binomial(n, p Se + (1 - p)(1 - Sp)),
/// Se ~ Beta(TP + 1/2, FN + 1/2) and Sp ~ Beta(TN + 1/2, FP + 1/2) from the card (Jeffreys priors), p uniform on
/// [0, 1], and Se + Sp > 1 (a judge better than chance). The card's Se and Sp are drawn (a fixed seed, so the result is
/// deterministic); for each draw the likelihood of x is evaluated over a grid of p and the draws are summed, which
/// integrates Se and Sp out. Unlike a plug-in or bootstrap of the Rogan-Gladen estimate, the interval never closes on
/// a boundary: with 0% or 100% of answers flagged it still spans the shares that could have given that count.
/// </summary>
internal static class PrevalencePosterior
{
    /// <summary>Draws of the judge's sensitivity and specificity.</summary>
    public const int Draws = 500;

    private const int GridPoints = 400;

    // How far from its mode, in standard deviations of its shape, a draw's likelihood is evaluated: beyond it the
    // likelihood is negligible (below e^-72 of the mode's about an interior mode, e^-12 about one at a boundary).
    private const double Reach = 12;

    /// <summary>The equal-tailed 95% interval of p, or null when no draw of the card is better than chance.</summary>
    public static (double Low, double High)? Interval95(
        int flagged, int judged, int truePositives, int falseNegatives, int trueNegatives, int falsePositives,
        long seed)
    {
        var random = SeededRandom.For(seed, "judge-corrected-posterior");
        var falsePositiveRates = new List<double>(Draws);
        var slopes = new List<double>(Draws);
        for (var i = 0; i < Draws; i++)
        {
            var se = Beta(random, truePositives + 0.5, falseNegatives + 0.5);
            var sp = Beta(random, trueNegatives + 0.5, falsePositives + 0.5);
            if (se + sp > 1)
            {
                falsePositiveRates.Add(1 - sp);
                slopes.Add(se + sp - 1);
            }
        }
        if (slopes.Count == 0)
            return null;

        // The likelihood in the flagged share a = (1 - Sp) + p (Se + Sp - 1) is Beta(x + 1, n - x + 1) in shape: the
        // grid spans, over every draw, the shares p within reach of that shape's mode, and each draw is evaluated only
        // over its own reach. Every draw's likelihood is scaled by the largest, that of the observed share itself.
        double x = flagged, n = judged;
        var sd = Math.Sqrt((x + 1) * (n - x + 1) / ((n + 2) * (n + 2) * (n + 3)));
        var reaches = new (double Low, double High)[slopes.Count];
        double from = 1, to = 0, max = double.NegativeInfinity;
        for (var j = 0; j < slopes.Count; j++)
        {
            reaches[j] = Reachable(x / n, sd, falsePositiveRates[j], slopes[j]);
            from = Math.Min(from, reaches[j].Low);
            to = Math.Max(to, reaches[j].High);
            var mode = Math.Clamp(x / n, falsePositiveRates[j], falsePositiveRates[j] + slopes[j]);
            max = Math.Max(max, LogLikelihood(x, n, mode));
        }
        var step = Math.Max(to - from, 1e-12) / GridPoints;
        var mass = new double[GridPoints];
        for (var j = 0; j < slopes.Count; j++)
        {
            var first = Math.Max(0, (int)Math.Floor((reaches[j].Low - from) / step));
            var last = Math.Min(GridPoints - 1, (int)Math.Ceiling((reaches[j].High - from) / step));
            for (var k = first; k <= last; k++)
            {
                var a = falsePositiveRates[j] + ((from + ((k + 0.5) * step)) * slopes[j]);
                mass[k] += Math.Exp(LogLikelihood(x, n, a) - max);
            }
        }
        return (Quantile(mass, 0.025, from, step), Quantile(mass, 0.975, from, step));
    }

    private static double LogLikelihood(double x, double n, double a)
    {
        a = Math.Clamp(a, 1e-300, 1 - 1e-16);
        return (x * Math.Log(a)) + ((n - x) * Math.Log(1 - a));
    }

    /// <summary>The shares p in [0, 1] whose flagged share lies within reach of the likelihood's mode.</summary>
    private static (double Low, double High) Reachable(double observed, double sd, double falsePositive, double slope)
    {
        var mode = Math.Clamp(observed, falsePositive, falsePositive + slope);
        double ToShare(double a) => Math.Clamp((a - falsePositive) / slope, 0, 1);
        return (ToShare(mode - (Reach * sd)), ToShare(mode + (Reach * sd)));
    }

    /// <summary>The share below which <paramref name="level"/> of the mass lies, each grid cell's mass spread evenly
    /// over the cell.</summary>
    private static double Quantile(double[] mass, double level, double from, double step)
    {
        var target = level * mass.Sum();
        var below = 0.0;
        for (var k = 0; k < mass.Length; k++)
        {
            if (below + mass[k] >= target && mass[k] > 0)
                return from + ((k + ((target - below) / mass[k])) * step);
            below += mass[k];
        }
        return from + (mass.Length * step);
    }

    /// <summary>A Beta(a, b) draw, as X / (X + Y) of two gamma draws.</summary>
    private static double Beta(SeededRandom random, double a, double b)
    {
        var x = Gamma(random, a);
        var y = Gamma(random, b);
        return x / (x + y);
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia and Tsang 2000; a shape below 1 is boosted by U^(1/shape)).</summary>
    private static double Gamma(SeededRandom random, double shape)
    {
        if (shape < 1)
            return Gamma(random, shape + 1) * Math.Pow(1 - random.NextDouble(), 1 / shape);
        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z, v;
            do
            {
                z = Normal(random);
                v = 1 + (c * z);
            }
            while (v <= 0);
            v = v * v * v;
            var u = 1 - random.NextDouble();
            if (Math.Log(u) < (0.5 * z * z) + d - (d * v) + (d * Math.Log(v)))
                return d * v;
        }
    }

    private static double Normal(SeededRandom random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
