namespace Alert.RedTeaming;

/// <summary>Who an adaptive attack calls: the model under test, the model that writes attacks, the model that rates them.</summary>
public static class AttackRole
{
    public const string Target = "target";
    public const string Attacker = "attacker";
    public const string Scorer = "scorer";
}
