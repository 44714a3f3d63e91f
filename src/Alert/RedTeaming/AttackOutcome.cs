namespace Alert.RedTeaming;

/// <summary>How a method's search on one goal ended, by its own (in-loop) scoring.</summary>
/// <param name="InLoopSuccess">The in-loop scorer found the best attack successful.</param>
/// <param name="BestPrompt">The attack that scored best, as sent to the target; null when no attack was sent.</param>
/// <param name="BestResponse">The target's answer to it.</param>
/// <param name="QueriesToSuccess">Target queries up to and including the first success, null without one.</param>
public sealed record AttackOutcome(bool InLoopSuccess, string? BestPrompt, string? BestResponse, int? QueriesToSuccess)
{
    /// <summary>The best attack's in-loop verdict, when the scorer is a judge (the run's judge need not judge it
    /// again).</summary>
    public Judges.JudgeVerdict? BestVerdict { get; init; }

    /// <summary>The conversation as JSON, for multi-turn methods.</summary>
    public string? Turns { get; init; }
}
