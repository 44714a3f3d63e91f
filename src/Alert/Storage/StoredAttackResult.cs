using Alert.Judges;

namespace Alert.Storage;

/// <summary>
/// How an adaptive attack on one goal ended: whether the in-loop scorer saw success, the run judge's verdict on the
/// best attack's answer (the success that is reported), the calls it took per role, and the best attack.
/// </summary>
/// <param name="QueriesToSuccess">Target queries up to and including the first success, null without one.</param>
/// <param name="Turns">The conversation as JSON, for multi-turn methods.</param>
public sealed record StoredAttackResult(string Goal, string Method, bool InLoopSuccess, Verdict Verdict, string Judge,
    int TargetQueries, int AttackerQueries, int ScorerQueries, int? QueriesToSuccess, string? BestPrompt,
        string? BestResponse, string? Turns = null)
{
    /// <summary>Attacker answers that were refusals instead of attacks.</summary>
    public int AttackerRefusals { get; init; }

    /// <summary>How the goal counts: jailbroken, resisted, attack failed or error (by default, from the
    /// verdict).</summary>
    public AttackGoalOutcome Outcome { get; init; } = AttackGoalOutcomes.FromVerdict(Verdict);

    /// <summary>Why the goal ended as it did, for outcomes other than a plain verdict (blocked, attacker refusals,
    /// errors).</summary>
    public string? Reason { get; init; }
}
