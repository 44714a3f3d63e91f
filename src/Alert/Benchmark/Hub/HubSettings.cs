using System.Globalization;

namespace Alert.Benchmark.Hub;

/// <summary>
/// Where and how datasets come from the Hugging Face Hub: the endpoint (<c>HF_ENDPOINT</c>, for mirrors), the token
/// (<c>HF_TOKEN</c>, else the token file <c>huggingface_hub</c> writes on login), offline mode
/// (<c>HF_HUB_OFFLINE</c>) and the cache shared with Python's <c>huggingface_hub</c>. Printing the settings never
/// prints the token.
/// </summary>
public sealed record HubSettings
{
    /// <summary>The Hub itself, when <c>HF_ENDPOINT</c> names no mirror.</summary>
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>The variable with the access token.</summary>
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>The variable <c>huggingface_hub</c> read the token from before <c>HF_TOKEN</c>.</summary>
    internal const string LegacyTokenVariable = "HUGGING_FACE_HUB_TOKEN";

    /// <summary>The variable naming the token file (default <c>$HF_HOME/token</c>).</summary>
    public const string TokenPathVariable = "HF_TOKEN_PATH";

    /// <summary>The variable that forbids network access when true.</summary>
    public const string OfflineVariable = "HF_HUB_OFFLINE";

    /// <summary>The Hub's base URL, without a trailing slash.</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>The bearer token for gated and private datasets; never written anywhere.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// Where <see cref="Token"/> came from, for messages: the variable's name or the token file's path, never the
    /// value (null: set in code).
    /// </summary>
    public string? TokenSource { get; init; }

    /// <summary>Resolve from the cache only and make no request.</summary>
    public bool Offline { get; init; }

    /// <summary>The cache root (the folder holding <c>datasets--OWNER--NAME</c>).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Tries per request when the failure is transient (a dropped connection, 429, 5xx).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first retry's delay; later ones back off exponentially.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a request may wait for its answer, and a download for its next bytes.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock for backoff delays.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The settings <c>huggingface_hub</c> would use: <c>HF_ENDPOINT</c>, <c>HF_HUB_OFFLINE</c>; as token
    /// <c>HF_TOKEN</c> (or the older <c>HUGGING_FACE_HUB_TOKEN</c>), else the content of the file
    /// <c>HF_TOKEN_PATH</c> names, else of <c>HF_HOME/token</c> (where <c>hf auth login</c> saves it); as cache
    /// <c>HF_HUB_CACHE</c>, else <c>HF_HOME/hub</c>; <c>HF_HOME</c> is by default
    /// <c>XDG_CACHE_HOME/huggingface</c>, else <c>~/.cache/huggingface</c>.
    /// </summary>
    public static HubSettings FromEnvironment(Func<string, string?> variable)
    {
        string? Value(string name) => variable(name) is { Length: > 0 } value ? value : null;
        var home = Value("HF_HOME")
            ?? Path.Combine(Value("XDG_CACHE_HOME") ?? Path.Combine(UserHome(Value("HOME")), ".cache"), "huggingface");
        var (token, source) = Value(TokenVariable) is { } fromVariable ? (fromVariable, TokenVariable)
            : Value(LegacyTokenVariable) is { } legacy ? (legacy, LegacyTokenVariable)
            : ReadTokenFile(Value(TokenPathVariable) ?? Path.Combine(home, "token"));
        return new HubSettings
        {
            Endpoint = (Value("HF_ENDPOINT") ?? DefaultEndpoint).TrimEnd('/'),
            Token = token,
            TokenSource = source,
            Offline = IsTrue(Value(OfflineVariable)),
            CacheRoot = Value("HF_HUB_CACHE") ?? Path.Combine(home, "hub"),
        };
    }

    /// <summary>The settings without the token's value, for logs: <c>Token = (from HF_TOKEN)</c>.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Endpoint = {Endpoint}, Token = ")
            .Append(Token is null ? "none" : $"(from {TokenSource ?? "code"})")
            .Append(CultureInfo.InvariantCulture, $", Offline = {Offline}, CacheRoot = {CacheRoot}");
        return true;
    }

    // As huggingface_hub reads its token file: the content stripped; a missing, unreadable or empty file is no token.
    private static (string? Token, string? Source) ReadTokenFile(string path)
    {
        try
        {
            return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? (token, path)
                : (null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }
    }

    // As huggingface_hub reads its boolean variables.
    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";

    private static string UserHome(string? home) =>
        home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
