using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Alert.Benchmark.Tables;

/// <summary>
/// CSV as RFC 4180 writes it: a header row, comma-separated fields, double quotes around fields with commas, quotes or
/// line breaks (a quote inside doubled). Every value is a string; rows are located by the line they start on.
/// </summary>
internal static class CsvRows
{
    /// <summary>The rows of <paramref name="path"/> as objects keyed by the header.</summary>
    public static async IAsyncEnumerable<(long Line, JsonObject Row)> ReadAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = 1L;
        string[]? header = null;
        while (await ReadRecordAsync(reader, cancellationToken).ConfigureAwait(false) is { } record)
        {
            var start = line;
            line += record.Lines;
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
                continue; // a blank line
            if (header is null)
            {
                header = [.. record.Fields];
                continue;
            }
            if (record.Fields.Count != header.Length)
            {
                throw new AlertFormatException(path, start, null,
                    $"{record.Fields.Count} fields where the header has {header.Length}");
            }
            var row = new JsonObject();
            for (var i = 0; i < header.Length; i++)
                row[header[i]] = record.Fields[i];
            yield return (start, row);
        }
    }

    private static async Task<(List<string> Fields, int Lines)?> ReadRecordAsync(
        TextReader reader, CancellationToken cancellationToken)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var lines = 1;
        var any = false;
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
            any = true;
            var c = buffer[0];
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                        lines++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    return (fields, lines);
                default:
                    field.Append(c);
                    break;
            }
        }
        if (!any)
            return null;
        fields.Add(field.ToString());
        return (fields, lines);
    }
}
