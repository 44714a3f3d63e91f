namespace Alert.Storage;

/// <summary>What a run is: the target and benchmark a run directory is bound to (never a secret).</summary>
public sealed record RunIdentity(string Target, string TargetOptions, string Benchmark, string BenchmarkSha256,
    string? Shard = null);
