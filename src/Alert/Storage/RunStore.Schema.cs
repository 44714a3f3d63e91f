namespace Alert.Storage;

public sealed partial class RunStore
{
    /// <summary>Columns added since the first schema: an older run gets them on open.</summary>
    private static readonly (string Table, string Column, string Definition)[] AddedColumns =
    [
        ("responses", "attempts", "INTEGER NOT NULL DEFAULT 1"),
        ("responses", "cached", "INTEGER NOT NULL DEFAULT 0"),
        ("responses", "guard", "TEXT"),
        ("verdicts", "outcome", "TEXT"),
        ("attack_results", "outcome", "TEXT"),
        ("attack_results", "reason", "TEXT"),
        // Runs stored before prompts had a language were all English.
        ("prompts", "lang", "TEXT NOT NULL DEFAULT 'en'"),
    ];

    private async Task<List<(string Table, string Column, string Definition)>> MissingColumnsAsync(
        CancellationToken cancellationToken)
    {
        var missing = new List<(string, string, string)>();
        foreach (var table in AddedColumns.Select(c => c.Table).Distinct(StringComparer.Ordinal))
        {
            var columns = await ColumnsAsync(table, cancellationToken).ConfigureAwait(false);
            // A table this run never had (attack tables of an older run) is created whole, with every column.
            if (columns.Count == 0)
                continue;
            missing.AddRange(AddedColumns.Where(c => c.Table == table && !columns.Contains(c.Column)));
        }
        return missing;
    }

    private async Task<bool> NeedsUpgradeAsync(CancellationToken cancellationToken) =>
        (await MissingColumnsAsync(cancellationToken).ConfigureAwait(false)).Count > 0;

    private async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, column, definition) in await MissingColumnsAsync(cancellationToken).ConfigureAwait(false))
            await ExecuteAsync($"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken)
                .ConfigureAwait(false);
    }

    private async Task<HashSet<string>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
        (await ReadStringsAsync($"SELECT name FROM pragma_table_info('{table}')", cancellationToken)
            .ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
}
