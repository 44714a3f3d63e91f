using Alert.Benchmark.Hub;
using Alert.Taxonomy;

namespace Alert.Benchmark.Tables;

/// <summary>Loads benchmark prompts from data files of any table format, with column and language choices.</summary>
public static class TableBenchmark
{
    /// <summary>
    /// The prompts of <paramref name="paths"/>: ids unique per language within each file, keyed by id (after the
    /// file's stem when there are several) and <c>@LANG</c> for languages other than English.
    /// </summary>
    public static async Task<IReadOnlyList<KeyedPrompt>> ReadAsync(IReadOnlyList<string> paths, DatasetColumns columns,
        KnownDataset? known = null, CancellationToken cancellationToken = default)
    {
        var prompts = new List<KeyedPrompt>();
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
            var seen = new HashSet<(string, string)>();
            var before = prompts.Count;
            await foreach (var (line, row) in TableRows.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                foreach (var prompt in mapper.Map(row, line))
                {
                    if (!seen.Add((prompt.FileId, prompt.Lang)))
                    {
                        throw new AlertFormatException(
                            path, line, "id", $"duplicate id {prompt.FileId} in language '{prompt.Lang}'");
                    }
                    prompts.Add(new KeyedPrompt(
                        KeyedPrompt.KeyOf(prompt, paths.Count == 1 ? null : stem), prompt, prompts.Count));
                }
            }
            mapper.Finish();
            if (prompts.Count == before)
                throw new AlertException($"{path}: no prompts in the file");
        }
        return prompts;
    }
}
