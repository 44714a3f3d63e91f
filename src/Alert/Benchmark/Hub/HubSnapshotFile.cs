namespace Alert.Benchmark.Hub;

/// <summary>One fetched file.</summary>
/// <param name="Path">Its path in the repository.</param>
/// <param name="LocalPath">Where it lies in the cache's snapshot.</param>
/// <param name="Sha256">The SHA-256 of its content.</param>
/// <param name="Bytes">Its size.</param>
public sealed record HubSnapshotFile(string Path, string LocalPath, string Sha256, long Bytes);
