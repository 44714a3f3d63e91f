namespace Alert.Benchmark.Hub;

/// <summary>An answer worth retrying (429, 5xx); its message stands as the error once the retries are spent.</summary>
internal sealed class HubTransientException(string message) : AlertException(message);
