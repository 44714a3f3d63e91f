namespace Alert.RedTeaming;

/// <summary>Who an adaptive attack calls: the model under test, the model that writes attacks, the model that rates
/// them.</summary>
public static class AttackRole
{
    /// <summary>The model under test.</summary>
    public const string Target = "target";
    /// <summary>The model that writes attacks.</summary>
    public const string Attacker = "attacker";
    /// <summary>The model (or judge) that rates answers in the loop.</summary>
    public const string Scorer = "scorer";
    /// <summary>The run's judge giving the final verdict on a goal's best attempt.</summary>
    public const string Judge = "judge";
}
