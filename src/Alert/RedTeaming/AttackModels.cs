using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>The models a method may use besides the target: an attacker that writes attacks, a scorer that rates
/// answers.</summary>
public sealed record AttackModels(IChatClient? Attacker = null, IAttackScorer? Scorer = null)
{
    /// <summary>No attacker and no scorer (Best-of-N).</summary>
    public static readonly AttackModels None = new();
}
