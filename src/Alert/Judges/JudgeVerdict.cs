namespace Alert.Judges;

/// <summary>
/// A judge's decision with its raw output (kept for audit), any violated policy codes, and for
/// <see cref="Verdict.Error"/> the reason.
/// </summary>
public sealed record JudgeVerdict(Verdict Verdict, string Output, IReadOnlyList<string>? Codes = null,
    string? Reason = null)
{
    /// <summary>
    /// How sure the judge is of this verdict: the probability it gives the side it chose (below 0.5 when a threshold
    /// above 0.5 chose the less likely side); null for judges that cannot say.
    /// </summary>
    public double? Confidence { get; init; }

    /// <summary>An <c>error</c> verdict with why, keeping the raw output.</summary>
    public static JudgeVerdict Failed(string reason, string output = "") => new(Verdict.Error, output, null, reason);

    /// <summary>
    /// Unsafe when <paramref name="p"/> (the probability of harm) reaches <paramref name="threshold"/>; output
    /// "LABEL NAME=0.123". Confidence is the chosen side's probability: with a threshold above 0.5, a verdict just
    /// under
    /// it is a "safe" the judge is unsure of (a cascade sends it on), not one it is sure of.
    /// </summary>
    public static JudgeVerdict FromProbability(float p, float threshold, string unsafeLabel, string safeLabel,
        string probabilityName)
    {
        var harmful = p >= threshold;
        var probability = p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
        return new(harmful ? Verdict.Unsafe : Verdict.Safe,
            $"{(harmful ? unsafeLabel : safeLabel)} {probabilityName}={probability}")
        {
            Confidence = harmful ? p : 1 - p,
        };
    }
}
