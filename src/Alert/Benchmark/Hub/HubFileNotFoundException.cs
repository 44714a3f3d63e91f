namespace Alert.Benchmark.Hub;

/// <summary>The Hub has no such file at that commit (404): an error for data files, no card for a README.</summary>
internal sealed class HubFileNotFoundException(string message) : AlertException(message);
