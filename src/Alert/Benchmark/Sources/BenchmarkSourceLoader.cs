namespace Alert.Benchmark.Sources;

/// <summary>Loads and validates the prompts of <paramref name="specs"/> (values of one source).</summary>
public delegate Task<BenchmarkSet> BenchmarkSourceLoader(
    IReadOnlyList<string> specs, BenchmarkSourceContext context, CancellationToken cancellationToken);
