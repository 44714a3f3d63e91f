using System.Collections;
using Alert.Taxonomy;

namespace Alert.Benchmark;

/// <summary>
/// The prompts of benchmark files too large to hold: each enumeration reads the files again (already validated
/// once, when the set was loaded), so a run of hundreds of thousands of prompts never keeps their text in memory.
/// The prompts are fresh objects on every pass; indexing reads the files up to the index.
/// </summary>
internal sealed class FilePromptList(IReadOnlyList<string> paths, IReadOnlyList<string?> stems, int count)
    : IReadOnlyList<KeyedPrompt>
{
    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public KeyedPrompt this[int index] => index >= 0 && index < count
        ? this.Skip(index).First() : throw new ArgumentOutOfRangeException(nameof(index));

    /// <inheritdoc/>
    public IEnumerator<KeyedPrompt> GetEnumerator()
    {
        long ordinal = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            foreach (var p in BenchmarkFile.ReadAsync(paths[i], AlertTaxonomy.Default).ToBlockingEnumerable())
                yield return new KeyedPrompt(KeyedPrompt.KeyOf(p, stems[i]), p, ordinal++);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
