namespace Alert.Attacks;

/// <summary>
/// Every attack by name, in one place. The four ALERT_Adv strategies come first; a spec may stack
/// attacks with '+' (e.g. <c>refusal_suppression+base64</c>). Add a new attack here.
/// </summary>
public static class AttackCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IPromptAttack>> Attacks = new(() =>
        new IPromptAttack[]
        {
            new SuffixInjectionAttack(),
            new PrefixInjectionAttack(),
            new TokenManipulationAttack(),
            new TemplateAttack("jailbreaking", "A role-play or persona jailbreak (DAN-style, amoral AI, fictional world, scene) wrapping the request.", "attacks/jailbreak-templates.txt"),
            new Base64Attack(),
            new Rot13Attack(),
            new LeetspeakAttack(),
            new CharacterSpacingAttack(),
            new TemplateAttack("refusal_suppression", "Rules forbidding apologies, disclaimers and refusal words, then the request (Wei et al., 2023).", "attacks/refusal-suppression.txt"),
            new PayloadSplittingAttack(),
            new TemplateAttack("fictional_frame", "The request placed in a story, screenplay or hypothetical world.", "attacks/fictional-frames.txt"),
            new FewShotAttack(3, "few_shot"),
            new FewShotAttack(16, "many_shot"),
        }.ToDictionary(a => a.Name, StringComparer.Ordinal));

    /// <summary>The attack types of the original ALERT_Adv, in the order they are built.</summary>
    public static readonly string[] AlertAttackTypes = ["adversarial_suffix", "adversarial_prefix", "token_manipulation", "jailbreaking"];

    public static IReadOnlyCollection<IPromptAttack> All => (IReadOnlyCollection<IPromptAttack>)Attacks.Value.Values;

    /// <summary>Resolves a name or a '+'-stack of names.</summary>
    public static IPromptAttack Resolve(string spec)
    {
        var parts = spec.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new AlertException($"empty attack spec '{spec}'");
        var attacks = parts.Select(p => Attacks.Value.TryGetValue(p, out var a)
            ? a
            : throw new AlertException($"unknown attack '{p}' (known: {string.Join(", ", Attacks.Value.Keys)})")).ToArray();
        return attacks.Length == 1 ? attacks[0] : new StackedAttack(attacks);
    }
}
