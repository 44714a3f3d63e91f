using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;

namespace Alert.Classification;

/// <summary>
/// Reads prompts to classify: JSONL rows, a JSON array of objects, CSV (RFC 4180, header row) with a
/// text column or plain text (<c>.txt</c>, one prompt a line), plain or gzip. Red-team transcripts
/// (<c>Human: ... Assistant: ...</c>) give their first human turn; rows in HH-RLHF's shapes
/// (<c>chosen</c>/<c>rejected</c> pairs, or red-team attempts'
/// <c>transcript</c>) are read from those fields when the text field is absent.
/// </summary>
public static class PromptTable
{
    /// <summary>Fields that hold a whole dialogue in HH-RLHF's files, tried in this order.</summary>
    public static readonly IReadOnlyList<string> TranscriptFields = ["chosen", "transcript", "rejected"];

    /// <summary>Reads a JSONL, JSON-array, CSV or text (<c>.txt</c>) table of prompts with their line numbers and text
    /// field.</summary>
    public static async Task<List<(long Line, JsonObject Row, string Text)>> ReadAsync(
        string path, string textField, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: file not found");
        using var reader = CorpusText.Open(path);
        var name = CorpusText.InnerName(path);
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return ReadCsv(path, await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), textField);
        if (name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            return await ReadLinesAsync(reader, textField, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(reader, path, textField, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads prompts from a stream with no file name (standard input): JSONL or a JSON array when its first
    /// character opens one, else one prompt a line. <paramref name="name"/> names the stream in errors.
    /// </summary>
    public static async Task<List<(long Line, JsonObject Row, string Text)>> ReadAsync(
        TextReader input, string name, string textField, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StringReader(text);
        var start = text.AsSpan().TrimStart();
        return start.Length > 0 && start[0] is '{' or '['
            ? await ReadJsonAsync(reader, name, textField, cancellationToken).ConfigureAwait(false)
            : await ReadLinesAsync(reader, textField, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One prompt a line (blank lines skipped), each as a row holding it under the text field.</summary>
    private static async Task<List<(long, JsonObject, string)>> ReadLinesAsync(
        TextReader reader, string textField, CancellationToken cancellationToken)
    {
        var rows = new List<(long, JsonObject, string)>();
        long line = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
                rows.Add((line, new JsonObject { [textField] = text.Trim() }, text.Trim()));
        }
        return rows;
    }

    private static async Task<List<(long, JsonObject, string)>> ReadJsonAsync(
        TextReader reader, string path, string textField, CancellationToken cancellationToken)
    {
        var rows = new List<(long, JsonObject, string)>();
        if (reader.Peek() == '[')
        {
            // Red-team attempts ship as one JSON array; an item's position stands in for its line.
            var array = await ReadArrayAsync(reader, path, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject row)
                    throw new AlertFormatException(path, i + 1, null, "expected a JSON object in the array");
                rows.Add((i + 1, row, FirstHumanTurn(TextOf(row, textField, path, i + 1))));
            }
            return rows;
        }
        var lines = JsonlFile.ReadObjectsAsync(reader, path, cancellationToken).ConfigureAwait(false);
        await foreach (var (line, row) in lines)
            rows.Add((line, row, FirstHumanTurn(TextOf(row, textField, path, line))));
        return rows;
    }

    /// <summary>The first human turn of a <c>Human: / Assistant:</c> transcript, the instruction of an ALERT frame, or
    /// the text itself.</summary>
    public static string FirstHumanTurn(string text) => HumanTurn.First(text);

    // The named field; when a row lacks it but has a transcript field, the transcript (HH-RLHF's shapes).
    private static string TextOf(JsonObject row, string textField, string path, long line)
    {
        if (!row.ContainsKey(textField))
        {
            foreach (var field in TranscriptFields)
            {
                if (row[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    return v.GetValue<string>();
            }
        }
        return JsonlFile.RequireString(row, textField, path, line);
    }

    private static async Task<JsonArray> ReadArrayAsync(
        TextReader reader, string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(text) as JsonArray
                ?? throw new AlertFormatException(path, 1, null, "expected a JSON array");
        }
        catch (JsonException e)
        {
            throw new AlertFormatException(path, (e.LineNumber ?? 0) + 1, null, "malformed JSON array");
        }
    }

    private static List<(long, JsonObject, string)> ReadCsv(string path, string text, string textField)
    {
        var rows = new List<(long, JsonObject, string)>();
        var records = CsvFile.Parse(text);
        if (records.Count == 0)
            throw new AlertFormatException(path, 1, null, "empty CSV file (expected a header row)");
        var header = records[0];
        var column = header.IndexOf(textField);
        if (column < 0)
            throw new AlertFormatException(
                path, 1, textField, $"no such column (columns: {string.Join(", ", header)})");
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Count != header.Count)
                throw new AlertFormatException(
                    path, i + 1, null, $"expected {header.Count} fields, found {records[i].Count}");
            var row = new JsonObject();
            for (var c = 0; c < header.Count; c++)
                row[header[c]] = records[i][c];
            rows.Add((i + 1, row, FirstHumanTurn(records[i][column])));
        }
        return rows;
    }
}
