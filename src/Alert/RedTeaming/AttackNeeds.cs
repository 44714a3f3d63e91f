namespace Alert.RedTeaming;

/// <summary>
/// What an attack method needs besides the target, declared with its registration: <see cref="AttackRun"/> checks a
/// definition against it, so a new method needs no change in the CLI.
/// </summary>
public sealed record AttackNeeds(AttackModelNeed Attacker, AttackModelNeed Scorer)
{
    /// <summary>Only the target (and the run's judge).</summary>
    public static readonly AttackNeeds TargetOnly = new(AttackModelNeed.None, AttackModelNeed.None);

    /// <summary>
    /// The one line that says what is missing, naming the flag (<c>--attacker</c>, <c>--scorer</c>); null when
    /// nothing is. A model the method does not use is not an error: the run neither makes nor records it.
    /// </summary>
    public string? Check(string method, bool hasAttacker, bool hasScorer)
    {
        if (Attacker == AttackModelNeed.Required && !hasAttacker)
            return $"--method {method} needs --attacker (a model spec, e.g. openai:MODEL)";
        if (Scorer == AttackModelNeed.Required && !hasScorer)
            return $"--method {method} needs --scorer (a model spec rating 1-10, or judge:SPEC)";
        return null;
    }
}
