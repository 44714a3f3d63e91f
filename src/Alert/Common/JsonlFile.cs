using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.Common;

/// <summary>Streaming JSON Lines: one object per line, blank lines ignored, errors located by file:line.</summary>
public static class JsonlFile
{
    /// <summary>How every JSON line is written: compact, invariant, non-ASCII kept as is.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Reads each non-blank line as a JSON object.</summary>
    public static async IAsyncEnumerable<(long Line, JsonObject Row)> ReadObjectsAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: file not found");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            bufferSize: 1 << 16);
        await foreach (var item in ReadObjectsAsync(reader, path, cancellationToken).ConfigureAwait(false))
            yield return item;
    }

    /// <summary>Reads each non-blank line of <paramref name="reader"/>; <paramref name="path"/> names it in
    /// errors.</summary>
    public static async IAsyncEnumerable<(long Line, JsonObject Row)> ReadObjectsAsync(
        TextReader reader, string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException e)
            {
                throw new AlertFormatException(path, lineNumber, null,
                    $"malformed JSON ({WithoutPosition(e.Message)})");
            }
            if (node is not JsonObject obj)
                throw new AlertFormatException(path, lineNumber, null, "expected a JSON object");
            yield return (lineNumber, obj);
        }
    }

    /// <summary>A row's string field, or an error naming file, line and field.</summary>
    public static string RequireString(JsonObject row, string field, string path, long line, bool allowEmpty = false)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
            throw new AlertFormatException(path, line, field, "missing");
        if (node.GetValueKind() != JsonValueKind.String)
            throw new AlertFormatException(path, line, field, $"expected a string, found {Describe(node)}");
        var value = node.GetValue<string>();
        if (!allowEmpty && value.Length == 0)
            throw new AlertFormatException(path, line, field, "is empty");
        return value;
    }

    /// <summary>A row's string field when present; a value of another type is an error naming file, line and
    /// field.</summary>
    public static string? OptionalString(JsonObject row, string field, string path, long line)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
            return null;
        if (node.GetValueKind() != JsonValueKind.String)
            throw new AlertFormatException(path, line, field, $"expected a string, found {Describe(node)}");
        return node.GetValue<string>();
    }

    /// <summary>A row's integer field when present; a value of another type is an error naming file, line and
    /// field.</summary>
    public static long? OptionalInteger(JsonObject row, string field, string path, long line)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
            return null;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out long value))
            return value;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue()
            .TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
            return (long)d;
        throw new AlertFormatException(path, line, field, $"expected an integer, found {Describe(node)}");
    }

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => $"the string \"{Truncate(node.GetValue<string>())}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => node.ToJsonString(),
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";

    // System.Text.Json ends its message with the position inside the line it was given ("LineNumber: 0 |
    // BytePositionInLine: 28."); the line is ours to name, so only the column is kept.
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (at < 0)
            return message;
        var column = message.IndexOf("BytePositionInLine:", at, StringComparison.Ordinal);
        var rest = column < 0 ? "" : " at byte " + message[(column + "BytePositionInLine:".Length)..].Trim()
            .TrimEnd('.');
        return message[..at].TrimEnd().TrimEnd('.', ' ', '|') + rest;
    }
}
