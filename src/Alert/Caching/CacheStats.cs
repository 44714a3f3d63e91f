namespace Alert.Caching;

/// <summary>Entries per target (or judge model) in the cache.</summary>
public sealed record CacheStats(string Path, long Entries, long Bytes,
    IReadOnlyList<(string Owner, long Entries)> ByOwner);
