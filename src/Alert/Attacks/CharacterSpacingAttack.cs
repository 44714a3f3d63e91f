using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary><c>char_spacing</c>: a space between every character, words split by double spaces.</summary>
internal sealed class CharacterSpacingAttack : IPromptAttack
{
    [AlertPlugin(Order = 23)]
    public static IPromptAttack Attack { get; } = new CharacterSpacingAttack();

    public string Name => "char_spacing";
    public string Description => "Spaces between all characters, which defeats keyword filters.";

    public string Apply(string request, SeededRandom random) =>
        string.Join("  ", request.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => string.Join(' ', w.ToCharArray())));
}
