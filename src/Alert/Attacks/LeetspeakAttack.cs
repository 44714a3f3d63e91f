using System.Text;
using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary><c>leetspeak</c>: most letters that have a digit look-alike replaced by it.</summary>
internal sealed class LeetspeakAttack : IPromptAttack
{
    [AlertPlugin(Order = 22)]
    public static IPromptAttack Attack { get; } = new LeetspeakAttack();

    public string Name => "leetspeak";
    public string Description =>
        "Letters replaced by digit look-alikes (a→4, e→3, i→1, o→0, s→5, t→7), seeded.";

    public string Apply(string request, SeededRandom random)
    {
        var sb = new StringBuilder(request.Length);
        foreach (var c in request)
        {
            char? leet = char.ToLowerInvariant(c) switch
            {
                'a' => '4',
                'e' => '3',
                'i' => '1',
                'o' => '0',
                's' => '5',
                't' => '7',
                _ => null,
            };
            sb.Append(leet is { } l && random.Chance(0.8) ? l : c);
        }
        return sb.ToString();
    }
}
