namespace Alert.Benchmark.Generation;

/// <summary>A built benchmark: the base set, the adversarial set and their manifest.</summary>
public sealed record BuiltBenchmark(IReadOnlyList<BenchmarkPrompt> Base, IReadOnlyList<BenchmarkPrompt> Adversarial,
    BuildOptions Options)
{
    /// <summary>Legitimate look-alikes of every category, for the over-refusal view.</summary>
    public IReadOnlyList<BenchmarkPrompt> Benign { get; init; } = [];
    /// <summary>What composing the base set from the shipped corpus did; null for a templates-only build.</summary>
    public CorpusCounts? Corpus { get; init; }
}
