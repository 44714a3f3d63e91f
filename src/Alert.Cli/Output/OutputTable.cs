namespace Alert.Cli.Output;

/// <summary>
/// A table a command prints, independent of how: <see cref="TableWriter"/> renders it as boxes, aligned
/// text, TSV or JSON. <paramref name="Name"/> is its key in JSON; columns' JSON keys are their snake_case headers.
/// </summary>
public sealed record OutputTable(string Name, string? Title, IReadOnlyList<string> Columns)
{
    public List<IReadOnlyList<OutputCell>> Rows { get; } = [];

    /// <summary>Columns a narrow terminal may leave out, first to go first, before writing rows vertically.</summary>
    public IReadOnlyList<string> Spare { get; init; } = [];

    /// <summary>This table without <paramref name="column"/>.</summary>
    public OutputTable Without(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        var table = new OutputTable(Name, Title, Columns.Where((_, c) => c != index).ToArray())
        {
            Spare = Spare.Where(s => s != column).ToArray(),
        };
        foreach (var row in Rows)
            table.Rows.Add(row.Where((_, c) => c != index).ToArray());
        return table;
    }

    public OutputTable(string name, string? title, params string[] columns)
        : this(name, title, (IReadOnlyList<string>)columns)
    {
    }

    public OutputTable Add(params OutputCell[] cells)
    {
        if (cells.Length != Columns.Count)
            throw new ArgumentException($"table {Name}: {cells.Length} cells for {Columns.Count} columns",
                nameof(cells));
        Rows.Add(cells);
        return this;
    }

    /// <summary>The JSON key of a column: lower case, runs of other characters as one underscore.</summary>
    public static string Key(string header)
    {
        var chars = new System.Text.StringBuilder();
        foreach (var c in header.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                chars.Append(c);
            else if (chars.Length > 0 && chars[^1] != '_')
                chars.Append('_');
        }
        return chars.ToString().TrimEnd('_');
    }
}
