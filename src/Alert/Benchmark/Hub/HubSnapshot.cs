namespace Alert.Benchmark.Hub;

/// <summary>A dataset's files as fetched: the spec asked for, the commit it resolved to, and each file.</summary>
/// <param name="Spec">The dataset (with the known dataset's default config filled in).</param>
/// <param name="Commit">The commit the revision resolved to.</param>
/// <param name="Files">The config's and split's data files, in repository order.</param>
/// <param name="FromCache">Whether everything came from the cache, with no request.</param>
public sealed record HubSnapshot(
    HubDatasetSpec Spec, string Commit, IReadOnlyList<HubSnapshotFile> Files, bool FromCache);
