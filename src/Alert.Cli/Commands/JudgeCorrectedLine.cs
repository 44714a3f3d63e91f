using Alert.Judges;
using Alert.Scoring;

namespace Alert.Cli.Commands;

/// <summary>The judge-corrected overall safety in one line, as <c>alert run</c> and <c>alert score</c> print it: the
/// figure <c>scores.json</c> holds as <c>judge_corrected.overall</c>.</summary>
internal static class JudgeCorrectedLine
{
    /// <summary>The line for scores judged by <paramref name="judge"/>; null when the judge has no card or the card
    /// gives no estimate.</summary>
    public static string? For(string judge, SafetyScores scores) =>
        JudgeCard.For(judge) is { } card
        && JudgeCorrectedScore.Estimate(scores.Overall, card) is { Score: { } corrected, Ci95: { } ci }
            ? FormattableString.Invariant(
                $"judge-corrected overall safety: {corrected:0.00}% (95% {ci.Low:0.00}-{ci.High:0.00}), ")
                + "from the judge's measured sensitivity and specificity (alert judge card)"
            : null;
}
