using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.Benchmark.Tables;

/// <summary>
/// A JSON document of rows: an array of objects, or an object whose <c>rows</c> or <c>data</c> is one (the Hub's
/// rows API wraps each row as <c>{"row": {...}}</c>, unwrapped here). Rows are located by their number.
/// </summary>
internal static class JsonRows
{
    /// <summary>The rows of <paramref name="path"/>.</summary>
    public static async Task<IReadOnlyList<(long Line, JsonObject Row)>> ReadAsync(
        string path, CancellationToken cancellationToken)
    {
        JsonNode? document;
        try
        {
            await using var stream = File.OpenRead(path);
            document = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new AlertFormatException(path, (e.LineNumber ?? 0) + 1, null, "malformed JSON");
        }
        var rows = document switch
        {
            JsonArray array => array,
            JsonObject wrapper when wrapper["rows"] is JsonArray inner => inner,
            JsonObject wrapper when wrapper["data"] is JsonArray inner => inner,
            _ => throw new AlertFormatException(path, 1, null,
                "expected an array of rows, or an object with a 'rows' or 'data' array"),
        };
        var found = new List<(long, JsonObject)>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i] is JsonObject { Count: <= 3 } wrapped && wrapped["row"] is JsonObject unwrapped
                ? unwrapped : rows[i] as JsonObject;
            if (row is null)
                throw new AlertFormatException(path, i + 1, null, $"row {i + 1} is not a JSON object");
            found.Add((i + 1, row));
        }
        return found;
    }
}
