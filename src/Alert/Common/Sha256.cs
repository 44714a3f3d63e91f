using System.Security.Cryptography;

namespace Alert.Common;

/// <summary>SHA-256 as lower-case hex: how the project names file contents, prompts and templates.</summary>
public static class Sha256
{
    /// <summary>The hash of a text's UTF-8 bytes.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>The hash of a file's bytes, streamed.</summary>
    public static async Task<string> FileHexAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
