using System.Text;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;

namespace Alert.Classification;

/// <summary>
/// Reads prompts to classify: JSONL rows or CSV (RFC 4180, header row) with a text column; red-team
/// transcripts (<c>Human: ... Assistant: ...</c>) give their first human turn.
/// </summary>
public static class PromptTable
{
    /// <summary>Reads a JSONL or CSV table of prompts with their line numbers and text field.</summary>
    public static async Task<List<(long Line, JsonObject Row, string Text)>> ReadAsync(string path, string textField, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: file not found");
        var rows = new List<(long, JsonObject, string)>();
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var records = CsvFile.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            if (records.Count == 0)
                throw new AlertFormatException(path, 1, null, "empty CSV file (expected a header row)");
            var header = records[0];
            var column = header.IndexOf(textField);
            if (column < 0)
                throw new AlertFormatException(path, 1, textField, $"no such column (columns: {string.Join(", ", header)})");
            for (var i = 1; i < records.Count; i++)
            {
                if (records[i].Count != header.Count)
                    throw new AlertFormatException(path, i + 1, null, $"expected {header.Count} fields, found {records[i].Count}");
                var row = new JsonObject();
                for (var c = 0; c < header.Count; c++)
                    row[header[c]] = records[i][c];
                rows.Add((i + 1, row, FirstHumanTurn(records[i][column])));
            }
            return rows;
        }
        await foreach (var (line, row) in JsonlFile.ReadObjectsAsync(path, cancellationToken).ConfigureAwait(false))
            rows.Add((line, row, FirstHumanTurn(JsonlFile.RequireString(row, textField, path, line))));
        return rows;
    }

    /// <summary>The first human turn of a <c>Human: / Assistant:</c> transcript, the instruction of an ALERT frame, or the text itself.</summary>
    public static string FirstHumanTurn(string text)
    {
        var human = text.IndexOf("Human:", StringComparison.Ordinal);
        if (human >= 0)
        {
            var start = human + "Human:".Length;
            var end = text.IndexOf("Assistant:", start, StringComparison.Ordinal);
            return (end < 0 ? text[start..] : text[start..end]).Trim();
        }
        return InstructionFrame.Unwrap(text).Trim();
    }
}
