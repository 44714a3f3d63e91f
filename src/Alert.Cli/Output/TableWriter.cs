using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Alert.Cli.Output;

/// <summary>
/// Prints tables so that no value is ever cut or wrapped off a terminal: Spectre boxes on a terminal,
/// aligned plain text when redirected (shortened as on a narrow terminal only to fit a <c>COLUMNS</c> given),
/// TSV (tabs and newlines in values escaped) or one JSON object.
/// </summary>
public static class TableWriter
{
    public static void Write(IAnsiConsole console, OutputFormat format, params OutputTable[] tables) =>
        Write(console, format, null, tables);

    /// <summary>Prints the tables; redirected text wider than <paramref name="pipeColumns"/> (<c>COLUMNS</c> when
    /// set) is laid out as on a narrow terminal, so that <c>COLUMNS=80 alert ... | less</c> fits.</summary>
    public static void Write(IAnsiConsole console, OutputFormat format, int? pipeColumns,
        params OutputTable[] tables)
    {
        var writer = console.Profile.Out.Writer;
        switch (format)
        {
            case OutputFormat.Json:
                writer.WriteLine(ToJson(tables).ToJsonString(
                    new JsonSerializerOptions(Alert.Common.JsonlFile.WriteOptions) { WriteIndented = true }));
                break;
            case OutputFormat.Tsv:
                for (var i = 0; i < tables.Length; i++)
                {
                    if (tables.Length > 1)
                        writer.WriteLine((i > 0 ? "\n" : "") + "# " + tables[i].Name);
                    WriteTsv(writer, tables[i]);
                }
                break;
            default:
                foreach (var table in tables)
                {
                    if (!console.Profile.Out.IsTerminal && pipeColumns is { } columns
                        && PlainWidth(table) > columns)
                        NarrowTable.Write(writer, table, columns);
                    else if (!console.Profile.Out.IsTerminal)
                        WritePlain(writer, table);
                    else if (BoxWidth(table) <= console.Profile.Width)
                        console.Write(ToSpectre(table));
                    else
                        NarrowTable.Write(writer, table, console.Profile.Width);
                }
                break;
        }
        writer.Flush();
    }

    public static JsonObject ToJson(IEnumerable<OutputTable> tables)
    {
        var doc = new JsonObject();
        foreach (var table in tables)
        {
            var keys = table.Columns.Select(OutputTable.Key).ToArray();
            var rows = new JsonArray();
            foreach (var row in table.Rows)
            {
                var o = new JsonObject();
                for (var c = 0; c < keys.Length; c++)
                    o[keys[c]] = row[c].Value switch
                    {
                        null => JsonValue.Create(row[c].Text),
                        var v when ReferenceEquals(v, OutputCell.JsonNull) => null,
                        long l => JsonValue.Create(l),
                        int n => JsonValue.Create(n),
                        double d => double.IsFinite(d) ? JsonValue.Create(d) : null,
                        bool b => JsonValue.Create(b),
                        JsonNode node => node.DeepClone(),
                        var other => JsonValue.Create(other.ToString()),
                    };
                rows.Add(o);
            }
            doc[table.Name] = rows;
        }
        return doc;
    }

    private static void WriteTsv(TextWriter writer, OutputTable table)
    {
        writer.WriteLine(string.Join('\t', table.Columns.Select(Tsv)));
        foreach (var row in table.Rows)
            writer.WriteLine(string.Join('\t', row.Select(c => Tsv(c.Text))));
    }

    private static string Tsv(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    /// <summary>Columns padded to their widest value, two spaces apart; a value is never cut.</summary>
    private static void WritePlain(TextWriter writer, OutputTable table)
    {
        if (table.Title is { } title)
            writer.WriteLine(title);
        var cells = table.Rows.Select(r => r.Select(c => OneLine(c.Text)).ToArray()).Prepend(table.Columns.ToArray())
            .ToList();
        var widths = ColumnWidths(table);
        var line = new StringBuilder();
        foreach (var row in cells)
        {
            line.Clear();
            for (var c = 0; c < row.Length; c++)
                line.Append(row[c].PadRight(c == row.Length - 1 ? 0 : widths[c] + 2));
            writer.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>Each column's widest value, its heading included, on one line.</summary>
    private static int[] ColumnWidths(OutputTable table) =>
        Enumerable.Range(0, table.Columns.Count)
            .Select(c => table.Rows.Select(r => OneLine(r[c].Text).Length).Append(table.Columns[c].Length).Max())
            .ToArray();

    /// <summary>The width of the plain table: its columns two spaces apart.</summary>
    private static int PlainWidth(OutputTable table) => ColumnWidths(table).Sum(w => w + 2) - 2;

    internal static string OneLine(string value) => value.ReplaceLineEndings(" ");

    /// <summary>The width of the boxed table: each column's widest value, one space either side, and the
    /// rules.</summary>
    private static int BoxWidth(OutputTable table) => ColumnWidths(table).Sum(w => w + 3) + 1;

    private static Table ToSpectre(OutputTable table)
    {
        var t = new Table().Border(TableBorder.Rounded);
        if (table.Title is { } title)
            t.Title(Markup.Escape(title));
        t.AddColumns(table.Columns.Select(c => new TableColumn(Markup.Escape(c))).ToArray());
        foreach (var row in table.Rows)
            t.AddRow(row.Select(c => (Spectre.Console.Rendering.IRenderable)new Markup(Style(c))).ToArray());
        return t;
    }

    private static string Style(OutputCell cell)
    {
        var text = Markup.Escape(cell.Text);
        if (cell.Bold)
            text = $"[bold]{text}[/]";
        return cell.Colour is { } colour ? $"[{colour}]{text}[/]" : text;
    }
}
