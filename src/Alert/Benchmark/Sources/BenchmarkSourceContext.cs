using Alert.Benchmark.Hub;
using Alert.Benchmark.Tables;

namespace Alert.Benchmark.Sources;

/// <summary>What a benchmark source is given besides its spec: column and language choices, Hub settings.</summary>
public sealed record BenchmarkSourceContext
{
    /// <summary>Which columns hold the prompt and category, and which languages to load.</summary>
    public DatasetColumns Columns { get; init; } = DatasetColumns.Default;

    /// <summary>The Hub's endpoint, token, offline mode and cache (default: from the process's environment).</summary>
    public HubSettings? Hub { get; init; }

    /// <summary>The Hub settings in force.</summary>
    public HubSettings HubOrDefault => Hub ?? HubSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
