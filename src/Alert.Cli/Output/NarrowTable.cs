using System.Text;

namespace Alert.Cli.Output;

/// <summary>
/// A table on a terminal too narrow for its boxes: aligned plain columns one space apart, the longest prose labels
/// shortened with an ellipsis at a word's end until the lines fit; numbers and single words (names, specs, paths,
/// category labels) are never cut or split, in a prose column too. When even that does not fit, the table's spare
/// columns are left out one by one (a line names them), and failing that each row is written vertically, one
/// "column: value" line each.
/// </summary>
internal static class NarrowTable
{
    /// <summary>Labels are never cut below this (ellipsis included).</summary>
    private const int MinLabel = 8;

    public static void Write(TextWriter writer, OutputTable table, int width)
    {
        // Before a table goes vertical, the columns it can spare are left out, in its order, and a line says so.
        var fitted = table;
        var left = new List<string>();
        foreach (var column in table.Spare.Prepend(null))
        {
            if (column is not null)
            {
                fitted = fitted.Without(column);
                left.Add(column);
            }
            if (TryWrite(writer, fitted, width))
            {
                if (left.Count > 0)
                    writer.WriteLine($"({string.Join(", ", left)} left out to fit {width} columns)");
                return;
            }
        }
        WriteVertical(writer, table,
            table.Rows.Select(r => r.Select(c => TableWriter.OneLine(c.Text)).ToArray()).ToList());
    }

    private static bool TryWrite(TextWriter writer, OutputTable table, int width)
    {
        var cells = table.Rows.Select(r => r.Select(c => TableWriter.OneLine(c.Text)).ToArray()).ToList();
        var count = table.Columns.Count;
        var widths = Enumerable.Range(0, count).Select(
            c => cells.Select(r => r[c].Length).Append(table.Columns[c].Length).Max()).ToArray();
        // Only prose columns shrink (a non-numeric value with a space in it), widest first: a column of single
        // words holds names a user copies (dataset specs, paths, ids) and is never cut.
        var text = Enumerable.Range(0, count).Where(
            c => table.Rows.Any(r => r[c].Value is null && r[c].Text.Length > MinLabel && r[c].Text.Contains(' ')))
            .ToHashSet();
        // A prose column narrows no further than its longest single word or first word of prose (and ellipsis).
        var floors = Enumerable.Range(0, count).Select(c => cells.Select(r => Floor(r[c]))
            .Append(MinLabel).Append(table.Columns[c].Length).Max()).ToArray();
        while (widths.Sum() + (count - 1) > width)
        {
            var widest = text.Where(c => widths[c] > floors[c])
                .OrderByDescending(c => widths[c]).FirstOrDefault(-1);
            if (widest < 0)
                return false;
            widths[widest]--;
        }
        if (table.Title is { } title)
            writer.WriteLine(title);
        var line = new StringBuilder();
        foreach (var row in cells.Prepend(table.Columns.ToArray()))
        {
            line.Clear();
            for (var c = 0; c < count; c++)
                line.Append(Fit(row[c], widths[c]).PadRight(c == count - 1 ? 0 : widths[c] + 1));
            writer.WriteLine(line.ToString().TrimEnd());
        }
        return true;
    }

    /// <summary>
    /// <paramref name="value"/> in <paramref name="width"/>: whole when it fits, else up to the last word break that
    /// leaves room for the ellipsis (a space, or after a slash), never inside a word.
    /// </summary>
    private static string Fit(string value, int width)
    {
        if (value.Length <= width)
            return value;
        for (var p = width - 1; p > 0; p--)
        {
            if (value[p] == ' ' || value[p - 1] == '/')
                return value[..p].TrimEnd() + "…";
        }
        return value; // one word: the floor keeps the column at least this wide
    }

    /// <summary>How narrow a cell may get: a single word whole, prose down to its first word and the
    /// ellipsis.</summary>
    private static int Floor(string value)
    {
        for (var p = 1; p < value.Length; p++)
        {
            if (value[p] == ' ' || value[p - 1] == '/')
                return p + 1;
        }
        return value.Length;
    }

    private static void WriteVertical(TextWriter writer, OutputTable table, List<string[]> cells)
    {
        if (table.Title is { } title)
            writer.WriteLine(title);
        var label = table.Columns.Max(c => c.Length) + 2;
        foreach (var row in cells)
        {
            writer.WriteLine();
            for (var c = 0; c < row.Length; c++)
                writer.WriteLine((table.Columns[c] + ":").PadRight(label) + row[c]);
        }
    }
}
