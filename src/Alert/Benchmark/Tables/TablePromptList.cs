using System.Collections;
using Alert.Benchmark.Hub;

namespace Alert.Benchmark.Tables;

/// <summary>
/// The prompts of data files too large to hold (a Hub dataset, a big CSV or Parquet file): each enumeration reads
/// the files again (validated once, when the set was loaded), so a run never keeps every prompt's text in memory.
/// The prompts are fresh objects on every pass; indexing reads the files up to the index.
/// </summary>
internal sealed class TablePromptList(
    IReadOnlyList<string> paths, DatasetColumns columns, KnownDataset? known, int count) : IReadOnlyList<KeyedPrompt>
{
    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public KeyedPrompt this[int index] => index >= 0 && index < count
        ? this.Skip(index).First() : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public IEnumerator<KeyedPrompt> GetEnumerator() =>
        TableBenchmark.EnumerateAsync(paths, columns, known, false).ToBlockingEnumerable().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
