using System.Collections.Concurrent;

namespace Alert;

/// <summary>
/// Keeps API keys out of stored errors, logs and reports: every key the library is given (a target's, a judge's,
/// the Batch API's) is registered where it is used, and <see cref="Redact"/> masks each one in any text.
/// </summary>
public static class Secrets
{
    private static readonly ConcurrentDictionary<string, byte> Known = new(StringComparer.Ordinal);

    /// <summary>Registers a secret to be masked from now on (short values are ignored: they would mask ordinary
    /// text).</summary>
    public static void Register(string? secret)
    {
        if (secret is { Length: >= 4 })
            Known.TryAdd(secret, 0);
    }

    /// <summary>The text with every registered secret replaced by <c>***</c>.</summary>
    public static string Redact(string text)
    {
        foreach (var secret in Known.Keys)
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }
}
