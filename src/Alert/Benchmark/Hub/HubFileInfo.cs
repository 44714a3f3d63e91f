namespace Alert.Benchmark.Hub;

/// <summary>
/// What the Hub says of one file before it is downloaded: its ETag (the blob's name in the cache: the SHA-256 of a
/// large file, the git hash of a small one) and its size when given.
/// </summary>
internal sealed record HubFileInfo(string Etag, long? Size)
{
    /// <summary>Whether the ETag is a SHA-256 (a large, LFS, file), so the content can be checked against it.</summary>
    public bool IsSha256 => Etag.Length == 64 && Etag.All(char.IsAsciiHexDigitLower);

    /// <summary>Whether the ETag can name a file in the blobs folder (no separators, not a dot name).</summary>
    public bool IsFileName => Etag.Length is > 0 and <= 200 && !Etag.StartsWith('.')
        && Etag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
