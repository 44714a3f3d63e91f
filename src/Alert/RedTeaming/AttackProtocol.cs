namespace Alert.RedTeaming;

/// <summary>
/// A published protocol an attack run can follow so its rates compare with a paper's: the settings it fixes, named
/// and cited. A run records its protocol; a knob the protocol fixes cannot be given another value.
/// </summary>
/// <param name="Name">The protocol's name (<c>--protocol</c>).</param>
/// <param name="Citation">Where it comes from.</param>
/// <param name="Streams">PAIR's streams.</param>
/// <param name="Iterations">PAIR's iterations per stream.</param>
/// <param name="MaxOutputTokens">The cap on the target's answers.</param>
/// <param name="JudgeRubric">The prompt (under <c>data/</c>) an <c>llm:</c> judge reads the best answer with.</param>
public sealed record AttackProtocol(string Name, string Citation, int Streams, int Iterations, int MaxOutputTokens,
    string JudgeRubric)
{
    /// <summary>
    /// JailbreakBench (Chao et al. 2024): PAIR with 30 streams x 3 iterations, target answers capped at 150 tokens,
    /// the target string ("Sure, here is ...") in the attacker's task, the best answer judged with a JBB-style prompt.
    /// </summary>
    public static readonly AttackProtocol JailbreakBench = new("jailbreakbench",
        "Chao et al. 2024, JailbreakBench: An Open Robustness Benchmark for Jailbreaking Large Language Models",
        Streams: 30, Iterations: 3, MaxOutputTokens: 150, JudgeRubric: "judges/llm-jailbreakbench-v1.txt");

    /// <summary>Every protocol.</summary>
    public static IReadOnlyList<AttackProtocol> All { get; } = [JailbreakBench];

    /// <summary>The protocol of a name; an <see cref="AlertException"/> lists the protocols for another.</summary>
    public static AttackProtocol Resolve(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new AlertException(
            $"unknown attack protocol '{name}' (expected one of {string.Join(", ", All.Select(p => p.Name))})");

    /// <summary>The definition with the protocol's settings in force.</summary>
    public AttackDefinition Apply(AttackDefinition definition) => definition with
    {
        Settings = definition.Settings with { Streams = Streams, Iterations = Iterations, TargetString = true },
        TargetOptions = definition.TargetOptions with { MaxOutputTokens = MaxOutputTokens },
    };
}
