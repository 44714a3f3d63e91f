namespace Alert.Cli.Infrastructure;

/// <summary>Checks a server URL option before anything runs: a usage error naming the option, what was given and what
/// is expected.</summary>
internal static class UrlOption
{
    /// <summary>The error for <paramref name="value"/> of <paramref name="option"/>, or null when it is a usable
    /// http(s) URL (or not given).</summary>
    public static string? Error(string option, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.Host.Length > 0)
            ? null
            : $"{option}: '{value}' is not a server URL (expected http(s)://HOST[:PORT][/PATH], e.g. " +
                $"http://localhost:8000/v1)";

    /// <summary>The first error among several values of one option.</summary>
    public static string? Error(string option, IEnumerable<string> values) =>
        values.Select(v => Error(option, v)).FirstOrDefault(e => e is not null);
}
