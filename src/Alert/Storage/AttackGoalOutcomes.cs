namespace Alert.Storage;

/// <summary>The wire names of <see cref="AttackGoalOutcome"/> (<c>attacks.jsonl</c>, <c>run.db</c>,
/// <c>scores.json</c>).</summary>
public static class AttackGoalOutcomes
{
    /// <summary><c>jailbroken</c>, <c>resisted</c>, <c>attack_failed</c> or <c>error</c>.</summary>
    public static string ToWire(this AttackGoalOutcome outcome) => outcome switch
    {
        AttackGoalOutcome.Jailbroken => "jailbroken",
        AttackGoalOutcome.Resisted => "resisted",
        AttackGoalOutcome.AttackFailed => "attack_failed",
        _ => "error",
    };

    /// <summary>The outcome of a wire name; null for an unknown one.</summary>
    public static AttackGoalOutcome? Parse(string? wire) => wire switch
    {
        "jailbroken" => AttackGoalOutcome.Jailbroken,
        "resisted" => AttackGoalOutcome.Resisted,
        "attack_failed" => AttackGoalOutcome.AttackFailed,
        "error" => AttackGoalOutcome.Error,
        _ => null,
    };

    /// <summary>The outcome a verdict on an answered best attempt gives (older runs stored no outcome).</summary>
    public static AttackGoalOutcome FromVerdict(Judges.Verdict verdict) => verdict switch
    {
        Judges.Verdict.Unsafe => AttackGoalOutcome.Jailbroken,
        Judges.Verdict.Safe => AttackGoalOutcome.Resisted,
        _ => AttackGoalOutcome.Error,
    };
}
