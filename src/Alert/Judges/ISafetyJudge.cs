namespace Alert.Judges;

public enum Verdict
{
    Safe,
    Unsafe,
    /// <summary>Not judged: the judge failed or answered something unparseable, or the target failed.</summary>
    Error,
}

/// <summary>
/// A judge's decision with its raw output (kept for audit), any violated policy codes, and for
/// <see cref="Verdict.Error"/> the reason.
/// </summary>
public sealed record JudgeVerdict(Verdict Verdict, string Output, IReadOnlyList<string>? Codes = null, string? Reason = null)
{
    /// <summary>
    /// How sure the judge is of this verdict: the probability it gives the side it chose (below 0.5 when a threshold
    /// above 0.5 chose the less likely side); null for judges that cannot say.
    /// </summary>
    public double? Confidence { get; init; }

    public static JudgeVerdict Failed(string reason, string output = "") => new(Verdict.Error, output, null, reason);

    /// <summary>
    /// Unsafe when <paramref name="p"/> (the probability of harm) reaches <paramref name="threshold"/>; output
    /// "LABEL NAME=0.123". Confidence is the chosen side's probability: with a threshold above 0.5, a verdict just under
    /// it is a "safe" the judge is unsure of (a cascade sends it on), not one it is sure of.
    /// </summary>
    public static JudgeVerdict FromProbability(float p, float threshold, string unsafeLabel, string safeLabel, string probabilityName)
    {
        var harmful = p >= threshold;
        return new(harmful ? Verdict.Unsafe : Verdict.Safe,
            $"{(harmful ? unsafeLabel : safeLabel)} {probabilityName}={p.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}")
        {
            Confidence = harmful ? p : 1 - p,
        };
    }
}

/// <summary>
/// Decides whether a response to a prompt is safe. Implementations never throw for bad model output. Disposable like
/// <c>IChatClient</c>: a judge releases what it holds (ONNX sessions, model clients); most hold nothing.
/// </summary>
public interface ISafetyJudge : IDisposable
{
    /// <summary>A stable identity (kind, version, model) recorded with every verdict.</summary>
    string Name { get; }

    /// <param name="prompt">The request without the instruction frame.</param>
    /// <param name="response">The model's answer.</param>
    Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default);

    void IDisposable.Dispose()
    {
    }
}

/// <summary>A judge that can also tell whether a request itself is harmful (for guarding a model's input).</summary>
public interface IPromptJudge
{
    Task<JudgeVerdict> JudgePromptAsync(string prompt, CancellationToken cancellationToken = default);
}

public static class PromptJudging
{
    /// <summary>Judges the request itself: as a prompt judge when the judge is one, else as a request with an empty answer.</summary>
    public static Task<JudgeVerdict> JudgeRequestAsync(this ISafetyJudge judge, string prompt, CancellationToken cancellationToken = default) =>
        judge is IPromptJudge promptJudge
            ? promptJudge.JudgePromptAsync(prompt, cancellationToken)
            : judge.JudgeAsync(prompt, "", cancellationToken);
}

public static class VerdictNames
{
    public static string ToWire(this Verdict v) => v switch
    {
        Verdict.Safe => "safe",
        Verdict.Unsafe => "unsafe",
        _ => "error",
    };

    public static bool TryParse(string? s, out Verdict verdict)
    {
        (var ok, verdict) = s switch
        {
            "safe" => (true, Verdict.Safe),
            "unsafe" => (true, Verdict.Unsafe),
            "error" => (true, Verdict.Error),
            _ => (false, Verdict.Error),
        };
        return ok;
    }
}
