namespace Alert.Benchmark.Generation;

/// <summary>A request taken from a red-team corpus: its line in the corpus file and its first human turn.</summary>
public sealed record CorpusRequest(int Line, string Text);
