using Alert.Benchmark;

namespace Alert.Storage;

/// <summary>One prompt with what is known about it, in benchmark order.</summary>
public sealed record StoredResult(long Ordinal, string Key, BenchmarkPrompt Prompt, StoredResponse? Response,
    StoredVerdict? Verdict);
