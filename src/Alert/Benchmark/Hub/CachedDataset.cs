namespace Alert.Benchmark.Hub;

/// <summary>A dataset found in the Hugging Face cache.</summary>
/// <param name="Repo">OWNER/NAME.</param>
/// <param name="Refs">Each cached revision (branch or tag) and the commit it was last seen at.</param>
/// <param name="Snapshots">The commits with a snapshot folder.</param>
/// <param name="Bytes">The size of its downloaded blobs.</param>
public sealed record CachedDataset(
    string Repo, IReadOnlyDictionary<string, string> Refs, IReadOnlyList<string> Snapshots, long Bytes);
