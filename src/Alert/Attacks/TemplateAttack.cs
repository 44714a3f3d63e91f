using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary>
/// Wraps the request in one of the templates of a data file (templates separated by lines of
/// <c>---</c>, <c>{request}</c> marks the request's place). <c>jailbreaking</c> (role-play and persona
/// prompts), <c>refusal_suppression</c> and <c>fictional_frame</c> are instances.
/// </summary>
internal sealed class TemplateAttack(string name, string description, string dataPath) : IPromptAttack
{
    [AlertPlugin(Order = 13)]
    public static IPromptAttack Jailbreaking { get; } = new TemplateAttack("jailbreaking",
        "A role-play or persona jailbreak (DAN-style, amoral AI, fictional world, scene) wrapping the request.",
            "attacks/jailbreak-templates.txt");

    [AlertPlugin(Order = 24)]
    public static IPromptAttack RefusalSuppression { get; } = new TemplateAttack("refusal_suppression",
        "Rules forbidding apologies, disclaimers and refusal words, then the request (Wei et al., 2023).",
            "attacks/refusal-suppression.txt");

    [AlertPlugin(Order = 26)]
    public static IPromptAttack FictionalFrame { get; } = new TemplateAttack("fictional_frame",
        "The request placed in a story, screenplay or hypothetical world.", "attacks/fictional-frames.txt");

    private readonly IReadOnlyList<string> _templates = TemplateFile.Read(dataPath);

    public string Name => name;
    public string Description => description;

    public string Apply(string request, SeededRandom random) =>
        random.Pick(_templates).Replace("{request}", request, StringComparison.Ordinal);
}
