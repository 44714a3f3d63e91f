using Alert.Plugins;

namespace Alert.Attacks;

/// <summary>
/// Every attack by name: the <see cref="IPromptAttack"/> properties marked <see cref="AlertPluginAttribute"/> (the four
/// ALERT_Adv strategies first). A spec may stack attacks with '+' (e.g. <c>refusal_suppression+base64</c>). A new
/// attack
/// is one file: the class with its registration.
/// </summary>
public static class AttackCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, IPromptAttack>> Attacks = new(() =>
        PluginDiscovery.Find<IPromptAttack>().ToDictionary(a => a.Name, StringComparer.Ordinal));

    /// <summary>The attack types of the original ALERT_Adv, in the order they are built.</summary>
    public static readonly string[] AlertAttackTypes =
        ["adversarial_suffix", "adversarial_prefix", "token_manipulation", "jailbreaking"];

    /// <summary>Every registered prompt attack.</summary>
    public static IReadOnlyCollection<IPromptAttack> All => (IReadOnlyCollection<IPromptAttack>)Attacks.Value.Values;

    /// <summary>Resolves a name or a '+'-stack of names.</summary>
    public static IPromptAttack Resolve(string spec)
    {
        var parts = spec.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new AlertException($"empty attack spec '{spec}'");
        var attacks = parts.Select(p => Attacks.Value.TryGetValue(p, out var a)
            ? a
            : throw new AlertException($"unknown attack '{p}' (known: {string.Join(", ", Attacks.Value.Keys)})"))
                .ToArray();
        return attacks.Length == 1 ? attacks[0] : new StackedAttack(attacks);
    }
}
