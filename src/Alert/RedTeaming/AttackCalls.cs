namespace Alert.RedTeaming;

/// <summary>Calls by role: to the target, to the attacker model, to the in-loop scorer.</summary>
public sealed record AttackCalls(long Target, long Attacker, long Scorer)
{
    /// <summary>The calls for <paramref name="goals"/> goals.</summary>
    public AttackCalls Times(long goals) => new(Target * goals, Attacker * goals, Scorer * goals);
}
