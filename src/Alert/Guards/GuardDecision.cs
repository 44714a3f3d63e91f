using Alert.Judges;

namespace Alert.Guards;

/// <summary>Why a guard blocked (or would have let through) a call: the judge's verdict and how long judging
/// took.</summary>
public sealed record GuardDecision(GuardStage Stage, string Judge, Verdict Verdict, string JudgeOutput,
    IReadOnlyList<string>? Codes, TimeSpan Latency)
{
    /// <summary>Whether the guard blocked.</summary>
    public bool Blocked => Verdict == Verdict.Unsafe;
}
