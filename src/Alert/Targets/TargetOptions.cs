namespace Alert.Targets;

/// <summary>
/// How prompts are sent to a target. Defaults follow the paper's setup: deterministic decoding,
/// a capped answer length, the request without the instruction frame.
/// </summary>
public sealed record TargetOptions
{
    /// <summary>The defaults.</summary>
    public static readonly TargetOptions Default = new();

    /// <summary>Server address for <c>openai:</c> and <c>ollama:</c> targets; null uses the environment or the
    /// provider's default.</summary>
    public string? BaseUrl
    {
        get => BaseUrls.Count > 0 ? BaseUrls[0] : null;
        init => BaseUrls = value is null ? [] : [value];
    }

    /// <summary>Several servers of the same model (a fleet): requests are balanced over them, with failover.</summary>
    public IReadOnlyList<string> BaseUrls { get; init; } = [];

    /// <summary>Most requests in flight per server; the adaptive limit starts here and backs off on 429/503.</summary>
    public int MaxConcurrency { get; init; } = 16;
    /// <summary>Sampling temperature sent with each request (0: as deterministic as the server allows).</summary>
    public float Temperature { get; init; }
    /// <summary>Most tokens the target may answer with.</summary>
    public int MaxOutputTokens { get; init; } = 512;
    /// <summary>A system prompt sent before each prompt, or none.</summary>
    public string? SystemPrompt { get; init; }
    /// <summary>Send the prompt with its <c>### Instruction:</c> frame, as the original release did.</summary>
    public bool SendRaw { get; init; }
    /// <summary>Time allowed for one attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 4;
    /// <summary>
    /// Most hedges (a second attempt sent when the first is slower than most recent ones) as a share of requests;
    /// 0 turns hedging off. A hedge is another request, so where a provider bills per request it costs.
    /// </summary>
    public double MaxHedgeRate { get; init; } = 0.05;
    /// <summary>What the model is to the run (the model under test, a judge, ...): errors say so.</summary>
    public TargetRole Role { get; init; } = TargetRole.Target;

    /// <summary>The spec as the user gave it when it is not the target spec itself (a judge's <c>llamaguard:MODEL</c>),
    /// for errors.</summary>
    internal string? ShownSpec { get; init; }

    /// <summary>Base delay of the exponential backoff between attempts.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The options that change what a target answers (recorded in the run, part of its identity).</summary>
    public string Identity =>
        $"temperature={Temperature.ToString(System.Globalization.CultureInfo.InvariantCulture)};" +
        $"max_tokens={MaxOutputTokens};raw={SendRaw};" +
        $"system={(SystemPrompt is null ? "" : Alert.Common.Sha256.Hex(SystemPrompt)[..16])}";
}
