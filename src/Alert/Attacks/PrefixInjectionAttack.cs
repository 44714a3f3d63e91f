using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary><c>adversarial_prefix</c> (ALERT prefix injection): a directive to bypass safety rules before the
/// request.</summary>
internal sealed class PrefixInjectionAttack : IPromptAttack
{
    [AlertPlugin(Order = 11)]
    public static IPromptAttack Attack { get; } = new PrefixInjectionAttack();

    private readonly IReadOnlyList<string> _prefixes = DataFiles.ReadLines("attacks/prefix-directives.txt");

    public string Name => "adversarial_prefix";
    public string Description => "A directive to ignore safety rules placed before the request.";

    public string Apply(string request, SeededRandom random)
    {
        var prefix = random.Pick(_prefixes);
        // "... and <request>" reads as one sentence; after ':' or '.' the request starts afresh.
        return prefix.EndsWith(':') || prefix.EndsWith('.')
            ? $"{prefix} {request}"
            : $"{prefix} {RequestText.LowerFirst(request)}";
    }
}
