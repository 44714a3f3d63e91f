namespace Alert.Benchmark.Generation;

/// <summary>
/// What composing a base set from a labelled corpus did: requests read, dropped as outside the taxonomy, dropped
/// as near-duplicates, dropped because their category was already full, and kept.
/// </summary>
public sealed record CorpusCounts(int Read, int OutOfTaxonomy, int Duplicates, int OverSize, int Kept);
