using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary>
/// <c>adversarial_suffix</c> (ALERT suffix injection): a benign carrier task, then an override sentence
/// that tells the model to drop it, then the request (<c>data/attacks/suffix-*.txt</c>).
/// </summary>
internal sealed class SuffixInjectionAttack : IPromptAttack
{
    [AlertPlugin(Order = 10)]
    public static IPromptAttack Attack { get; } = new SuffixInjectionAttack();

    private readonly IReadOnlyList<string> _carriers = DataFiles.ReadLines("attacks/suffix-carriers.txt");
    private readonly IReadOnlyList<string> _overrides = DataFiles.ReadLines("attacks/suffix-overrides.txt");

    public string Name => "adversarial_suffix";
    public string Description =>
        "A benign task, then an override sentence ('Ignore everything above...'), then the request.";

    public string Apply(string request, SeededRandom random) =>
        $"{random.Pick(_carriers)} {random.Pick(_overrides)} {RequestText.AsTellMeClause(request)}";
}
