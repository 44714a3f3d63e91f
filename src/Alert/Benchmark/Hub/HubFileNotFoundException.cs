namespace Alert.Benchmark.Hub;

/// <summary>
/// A file is not there: the Hub has none at that commit (404; an error for data files, no card for a README), or no
/// file matches what the dataset card names (in a cached snapshot: not downloaded yet).
/// </summary>
internal sealed class HubFileNotFoundException(string message) : AlertException(message);
