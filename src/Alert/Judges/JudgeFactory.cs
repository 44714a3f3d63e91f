using Alert.Targets;

namespace Alert.Judges;

/// <summary>Options for judges that call a model.</summary>
public sealed record JudgeOptions
{
    public const string ApiKeyVariable = "ALERT_JUDGE_API_KEY";

    /// <summary>Server for the judge model; null means the target's OpenAI-compatible default (<c>OPENAI_BASE_URL</c>).</summary>
    public string? BaseUrl { get; init; }
    /// <summary>Llama Guard prompt version: v1 (paper default) or v3.</summary>
    public string LlamaGuardVersion { get; init; } = "v1";
    public LlamaGuardMode LlamaGuardMode { get; init; } = LlamaGuardMode.Rendered;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Creates a judge from a spec: <c>refusal</c> (offline default) or <c>llamaguard:MODEL</c>, where
/// MODEL is an OpenAI-compatible model name or a full target spec (<c>llamaguard:ollama:llama-guard3</c>).
/// </summary>
public static class JudgeFactory
{
    public const string DefaultSpec = "refusal";

    public static ISafetyJudge Create(string spec, JudgeOptions? options = null, TimeProvider? time = null)
    {
        options ??= new JudgeOptions();
        if (spec == "refusal")
            return new RefusalJudge();
        if (spec.StartsWith("llamaguard:", StringComparison.Ordinal) && spec.Length > "llamaguard:".Length)
        {
            var inner = spec["llamaguard:".Length..];
            var hasProvider = TargetFactory.Providers.Any(p => inner.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase));
            var targetSpec = hasProvider ? inner : "openai:" + inner;
            var targetOptions = new TargetOptions
            {
                BaseUrl = options.BaseUrl,
                RequestTimeout = options.RequestTimeout,
                MaxAttempts = options.MaxAttempts,
                RetryBaseDelay = options.RetryBaseDelay,
            };
            var apiKey = Environment.GetEnvironmentVariable(JudgeOptions.ApiKeyVariable) is { Length: > 0 } k ? k : null;
            var client = TargetFactory.Create(targetSpec, targetOptions, apiKey, time);
            return new LlamaGuardJudge(client, inner, LlamaGuardPromptFormat.ForVersion(options.LlamaGuardVersion), options.LlamaGuardMode);
        }
        throw new AlertException($"unknown judge '{spec}' (expected 'refusal' or 'llamaguard:MODEL')");
    }
}
