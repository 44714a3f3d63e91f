using System.Runtime.CompilerServices;
using Alert.Benchmark.Hub;
using Alert.Taxonomy;

namespace Alert.Benchmark.Tables;

/// <summary>Loads benchmark prompts from data files of any table format, with column and language choices.</summary>
public static class TableBenchmark
{
    /// <summary>
    /// The prompts of <paramref name="paths"/>: ids unique per language within each file, keyed by id (after the
    /// file's stem when there are several) and <c>@LANG</c> for languages other than English. A set larger than
    /// a run holds in memory is read from the files again on each pass, as large JSONL benchmarks are.
    /// </summary>
    public static Task<IReadOnlyList<KeyedPrompt>> ReadAsync(IReadOnlyList<string> paths, DatasetColumns columns,
        KnownDataset? known = null, CancellationToken cancellationToken = default) =>
        ReadAsync(paths, columns, known, BenchmarkSet.HeldPrompts, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(IReadOnlyList{string}, DatasetColumns, KnownDataset?, CancellationToken)"/>, holding
    /// at most <paramref name="held"/> prompts (a larger set is read from its files on each pass).
    /// </summary>
    internal static async Task<IReadOnlyList<KeyedPrompt>> ReadAsync(IReadOnlyList<string> paths,
        DatasetColumns columns, KnownDataset? known, int held, CancellationToken cancellationToken)
    {
        List<KeyedPrompt>? prompts = [];
        var count = 0;
        await foreach (var prompt in EnumerateAsync(paths, columns, known, true, cancellationToken)
            .ConfigureAwait(false))
        {
            prompts?.Add(prompt);
            if (++count > held)
                prompts = null; // too many to hold: validated and counted now, read again on each pass
        }
        return prompts is null ? new TablePromptList(paths, columns, known, count) : prompts;
    }

    /// <summary>
    /// The prompts of <paramref name="paths"/> one at a time; <paramref name="validate"/> also checks ids are unique,
    /// every language asked for is there and no file is empty (the first pass does; later ones repeat it).
    /// </summary>
    internal static async IAsyncEnumerable<KeyedPrompt> EnumerateAsync(IReadOnlyList<string> paths,
        DatasetColumns columns, KnownDataset? known, bool validate,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ordinal = 0;
        var stems = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            var path = paths[i];
            var stem = Path.GetFileName(path);
            var dot = stem.IndexOf('.', StringComparison.Ordinal);
            stem = dot > 0 ? stem[..dot] : stem;
            if (!stems.Add(stem))
                stem = $"{stem}.{i}";
            var mapper = new TableRowMapper(columns, known, path, AlertTaxonomy.Default);
            var seen = validate ? new HashSet<(string, string)>() : null;
            var before = ordinal;
            await foreach (var (line, row) in TableRows.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                foreach (var prompt in mapper.Map(row, line))
                {
                    if (seen is not null && !seen.Add((prompt.FileId, prompt.Lang)))
                    {
                        throw new AlertFormatException(
                            path, line, "id", $"duplicate id {prompt.FileId} in language '{prompt.Lang}'");
                    }
                    yield return new KeyedPrompt(
                        KeyedPrompt.KeyOf(prompt, paths.Count == 1 ? null : stem), prompt, ordinal++);
                }
            }
            if (!validate)
                continue;
            mapper.Finish();
            if (ordinal == before)
                throw new AlertException($"{path}: no prompts in the file");
        }
    }
}
