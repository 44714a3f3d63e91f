using Alert.Benchmark.Generation;
using Alert.Common;

namespace Alert.Attacks;

/// <summary>
/// An adversarial transform of a request. Deterministic: the same request and the same random stream
/// give the same output. Attacks compose (<see cref="StackedAttack"/>). Its <c>Name</c> is the <c>attack_type</c>
/// written in benchmark files; its <c>Description</c> one sentence for <c>alert build --list-attacks</c> and the manifest.
/// </summary>
public interface IPromptAttack : Plugins.IPluginDescriptor
{
    /// <param name="request">The plain request, without the instruction frame.</param>
    string Apply(string request, SeededRandom random);

    string Plugins.IPluginDescriptor.Usage => Name;
}

/// <summary>Applies attacks in order, each to the previous one's output (<c>a+b</c>).</summary>
public sealed class StackedAttack(IReadOnlyList<IPromptAttack> attacks) : IPromptAttack
{
    public string Name { get; } = string.Join("+", attacks.Select(a => a.Name));
    public string Description { get; } = string.Join(", then ", attacks.Select(a => a.Name));

    public string Apply(string request, SeededRandom random)
    {
        foreach (var attack in attacks)
            request = attack.Apply(request, random);
        return request;
    }
}

/// <summary>Helpers for recasting a request the way ALERT_Adv does.</summary>
public static class RequestText
{
    private static readonly HashSet<string> Imperatives = new(StringComparer.OrdinalIgnoreCase)
    {
        "write", "give", "tell", "make", "help", "explain", "describe", "list", "create", "find", "show", "teach",
        "send", "dig", "come", "rate", "generate", "compose", "convince", "walk", "please", "draft", "design",
    };

    /// <summary>
    /// The request as a clause after "tell me": imperatives are kept as they are; otherwise the first
    /// word is lower-cased, "tell me" put before it and a final "?" dropped.
    /// </summary>
    public static string AsTellMeClause(string request)
    {
        var text = request.Trim();
        var first = text.Split(' ', 2)[0].TrimEnd(',', '.', '!', '?');
        if (Imperatives.Contains(first))
            return LowerFirst(text);
        return "tell me " + LowerFirst(text.TrimEnd('?', ' '));
    }

    public static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && !char.IsUpper(s[1]) && !(s[0] == 'I' && (s[1] == ' ' || s[1] == '\''))
            ? char.ToLowerInvariant(s[0]) + s[1..] : s;
}
