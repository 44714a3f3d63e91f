namespace Alert.Benchmark.Hub;

/// <summary>What the Hub's revision API says: the commit a revision points at and the files at it.</summary>
internal sealed record HubRevision(string Commit, IReadOnlyList<string> Files);
