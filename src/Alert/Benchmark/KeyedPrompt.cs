namespace Alert.Benchmark;

/// <summary>
/// A benchmark prompt with the run-wide key that identifies it across several input files, and its
/// position in the whole benchmark (kept by samples and shards, so merged shards read in benchmark order).
/// </summary>
public sealed record KeyedPrompt(string Key, BenchmarkPrompt Prompt, long Ordinal);
