using System.IO.Compression;
using System.Text;

namespace Alert.Common;

/// <summary>
/// Opens a corpus file as text whatever its packing: plain or gzip (found by its magic bytes, not its name,
/// since HH-RLHF ships <c>.jsonl.gz</c> files and users unpack them under either name).
/// </summary>
public static class CorpusText
{
    /// <summary>Whether <paramref name="path"/> starts with the gzip magic bytes 1F 8B.</summary>
    public static bool IsGzip(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        return stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    /// <summary>A reader over the file's text, decompressing gzip.</summary>
    public static StreamReader Open(string path) => Open(File.OpenRead(path), IsGzip(path));

    /// <summary>A reader over <paramref name="stream"/>'s text, decompressed when <paramref name="gzip"/>.</summary>
    public static StreamReader Open(Stream stream, bool gzip) =>
        new(gzip ? new GZipStream(stream, CompressionMode.Decompress) : stream, Encoding.UTF8, true, 1 << 16);

    /// <summary>The file name without <c>.gz</c>, to tell CSV from JSONL.</summary>
    public static string InnerName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
}
