namespace Alert.RedTeaming;

/// <summary>Whether an attack method uses a model besides the target (an attacker, an in-loop scorer).</summary>
public enum AttackModelNeed
{
    /// <summary>The method never calls it; one given is left unused.</summary>
    None,

    /// <summary>The method uses it when given and works without it.</summary>
    Optional,

    /// <summary>The method cannot run without it.</summary>
    Required,
}
