namespace Alert.RedTeaming;

/// <summary>What one invocation of an attack run did.</summary>
public sealed record AttackSummary(int Goals, int AlreadyDone, int Attacked, int Successes)
{
    /// <summary>Goals stopped because the invocation's target budget was spent; they resume on the next invocation.</summary>
    public int LeftByBudget { get; init; }
}
