using Alert.Common;

namespace Alert.Attacks;

/// <summary>Applies attacks in order, each to the previous one's output (<c>a+b</c>).</summary>
internal sealed class StackedAttack(IReadOnlyList<IPromptAttack> attacks) : IPromptAttack
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
