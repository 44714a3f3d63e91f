using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.Benchmark;

/// <summary>Streaming JSON Lines: one object per line, blank lines ignored, errors located by file:line.</summary>
public static class JsonlFile
{
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
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        await foreach (var item in ReadObjectsAsync(reader, path, cancellationToken).ConfigureAwait(false))
            yield return item;
    }

    /// <summary>Reads each non-blank line of <paramref name="reader"/>; <paramref name="path"/> names it in errors.</summary>
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
                throw new AlertFormatException(path, lineNumber, null, $"malformed JSON ({e.Message})");
            }
            if (node is not JsonObject obj)
                throw new AlertFormatException(path, lineNumber, null, "expected a JSON object");
            yield return (lineNumber, obj);
        }
    }

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

    public static string? OptionalString(JsonObject row, string field, string path, long line)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
            return null;
        if (node.GetValueKind() != JsonValueKind.String)
            throw new AlertFormatException(path, line, field, $"expected a string, found {Describe(node)}");
        return node.GetValue<string>();
    }

    public static long? OptionalInteger(JsonObject row, string field, string path, long line)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
            return null;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out long value))
            return value;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) < 1e15)
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
}

/// <summary>
/// Writes JSON Lines to a temporary file and moves it into place on <see cref="CommitAsync"/>, so a
/// crash never leaves a half-written output behind.
/// </summary>
public sealed class AtomicJsonlWriter : IAsyncDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly StreamWriter _writer;
    private bool _committed;

    public AtomicJsonlWriter(string path)
    {
        _path = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(dir);
        _tempPath = Path.Combine(dir, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _writer = new StreamWriter(_tempPath, append: false, new UTF8Encoding(false), bufferSize: 1 << 16) { NewLine = "\n" };
    }

    public Task WriteAsync(JsonObject row) => _writer.WriteLineAsync(row.ToJsonString(JsonlFile.WriteOptions));

    public Task WriteRawAsync(string jsonLine) => _writer.WriteLineAsync(jsonLine);

    public async Task CommitAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_committed)
            return;
        await _writer.DisposeAsync().ConfigureAwait(false);
        File.Delete(_tempPath);
    }

    /// <summary>Writes a whole text file atomically.</summary>
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temp, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
    }
}
