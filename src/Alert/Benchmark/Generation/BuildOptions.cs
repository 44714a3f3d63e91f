namespace Alert.Benchmark.Generation;

/// <summary>What to build.</summary>
public sealed record BuildOptions
{
    /// <summary>The paper's seed, the built-in benchmark's.</summary>
    public const long DefaultSeed = 2024;

    /// <summary>The seed every random choice of the build follows.</summary>
    public long Seed { get; init; } = DefaultSeed;
    /// <summary>Base prompts each ALERT attack type is applied to (about 30k adversarial rows in all).</summary>
    public int PerAttack { get; init; } = 7600;
    /// <summary>Further attacks (names or '+' stacks) to add to the adversarial set.</summary>
    public IReadOnlyList<string> ExtraAttacks { get; init; } = [];
    /// <summary>
    /// Build the base set from templates alone, as before the shipped corpus; by default it is the corpus's
    /// requests topped up with templates (<see cref="HhRlhfCorpus"/>).
    /// </summary>
    public bool TemplatesOnly { get; init; }
}
