using System.Text;
using System.Text.Json.Nodes;

namespace Alert.Common;

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

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, which replaces it only on <see
    /// cref="CommitAsync"/>.</summary>
    public AtomicJsonlWriter(string path)
    {
        _path = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(dir);
        _tempPath = Path.Combine(dir, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _writer = new StreamWriter(_tempPath, append: false, new UTF8Encoding(false),
            bufferSize: 1 << 16)
        { NewLine = "\n" };
    }

    /// <summary>Writes one row as a JSON line.</summary>
    public Task WriteAsync(JsonObject row) => _writer.WriteLineAsync(row.ToJsonString(JsonlFile.WriteOptions));

    /// <summary>Writes one line already in JSON.</summary>
    public Task WriteRawAsync(string jsonLine) => _writer.WriteLineAsync(jsonLine);

    /// <summary>Flushes and moves the file into place.</summary>
    public async Task CommitAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        File.Move(_tempPath, _path, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc />
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
