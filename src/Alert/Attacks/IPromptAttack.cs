using Alert.Common;

namespace Alert.Attacks;

/// <summary>
/// An adversarial transform of a request. Deterministic: the same request and the same random stream
/// give the same output. Attacks compose (<see cref="StackedAttack"/>). Its <c>Name</c> is the <c>attack_type</c>
/// written in benchmark files; its <c>Description</c> one sentence for <c>alert build --list-attacks</c> and the
/// manifest.
/// </summary>
public interface IPromptAttack : Plugins.IPluginDescriptor
{
    /// <param name="request">The plain request, without the instruction frame.</param>
    string Apply(string request, SeededRandom random);

    string Plugins.IPluginDescriptor.Usage => Name;
}
