namespace Alert.Benchmark.Hub;

/// <summary>
/// Where and how datasets come from the Hugging Face Hub: the endpoint (<c>HF_ENDPOINT</c>, for mirrors), the token
/// (<c>HF_TOKEN</c>), offline mode (<c>HF_HUB_OFFLINE</c>) and the cache shared with Python's <c>huggingface_hub</c>.
/// </summary>
public sealed record HubSettings
{
    /// <summary>The Hub itself, when <c>HF_ENDPOINT</c> names no mirror.</summary>
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>The variable with the access token.</summary>
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>The variable that forbids network access when true.</summary>
    public const string OfflineVariable = "HF_HUB_OFFLINE";

    /// <summary>The Hub's base URL, without a trailing slash.</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>The bearer token for gated and private datasets; never written anywhere.</summary>
    public string? Token { get; init; }

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
    /// The settings <c>huggingface_hub</c> would use: <c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>, <c>HF_HUB_OFFLINE</c>, and
    /// as
    /// cache <c>HF_HUB_CACHE</c>, else <c>HF_HOME/hub</c>, else <c>XDG_CACHE_HOME/huggingface/hub</c>, else
    /// <c>~/.cache/huggingface/hub</c>.
    /// </summary>
    public static HubSettings FromEnvironment(Func<string, string?> variable)
    {
        string? Value(string name) => variable(name) is { Length: > 0 } value ? value : null;
        var home = Value("HF_HOME")
            ?? Path.Combine(Value("XDG_CACHE_HOME") ?? Path.Combine(UserHome(Value("HOME")), ".cache"), "huggingface");
        return new HubSettings
        {
            Endpoint = (Value("HF_ENDPOINT") ?? DefaultEndpoint).TrimEnd('/'),
            Token = Value(TokenVariable) ?? Value("HUGGING_FACE_HUB_TOKEN"),
            Offline = IsTrue(Value(OfflineVariable)),
            CacheRoot = Value("HF_HUB_CACHE") ?? Path.Combine(home, "hub"),
        };
    }

    // As huggingface_hub reads its boolean variables.
    private static bool IsTrue(string? value) =>
        value is not null && value.Trim().ToUpperInvariant() is "1" or "ON" or "YES" or "TRUE";

    private static string UserHome(string? home) =>
        home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
