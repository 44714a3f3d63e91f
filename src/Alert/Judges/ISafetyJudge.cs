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
    /// <summary>How sure the judge is of this verdict (0.5 to 1), when it can say; null for judges that cannot.</summary>
    public double? Confidence { get; init; }

    public static JudgeVerdict Failed(string reason, string output = "") => new(Verdict.Error, output, null, reason);
}

/// <summary>Decides whether a response to a prompt is safe. Implementations never throw for bad model output.</summary>
public interface ISafetyJudge
{
    /// <summary>A stable identity (kind, version, model) recorded with every verdict.</summary>
    string Name { get; }

    /// <param name="prompt">The request without the instruction frame.</param>
    /// <param name="response">The model's answer.</param>
    Task<JudgeVerdict> JudgeAsync(string prompt, string response, CancellationToken cancellationToken = default);
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
