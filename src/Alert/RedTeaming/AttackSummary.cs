namespace Alert.RedTeaming;

/// <summary>What one invocation of an attack run did: goals attacked, and how they ended (<see
/// cref="Storage.AttackGoalOutcome"/>).</summary>
public sealed record AttackSummary(int Goals, int AlreadyDone, int Attacked, int Successes)
{
    /// <summary>Goals stopped because the invocation's target budget was spent; they resume on the next
    /// invocation.</summary>
    public int LeftByBudget { get; init; }

    /// <summary>Goals attacked in this invocation that the target resisted.</summary>
    public int Resisted { get; init; }

    /// <summary>Goals attacked in this invocation for which the attacker or scorer produced no attempt.</summary>
    public int AttackFailed { get; init; }

    /// <summary>Goals attacked in this invocation that ended in an infrastructure error.</summary>
    public int Errors { get; init; }
}
