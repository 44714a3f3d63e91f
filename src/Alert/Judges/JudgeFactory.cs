using Alert.Targets;

namespace Alert.Judges;

/// <summary>
/// Creates a judge from a spec through <see cref="JudgeRegistry.Default"/>: <c>refusal</c>; <c>embedded</c> (the
/// shipped in-process judge for responses to harmful requests, offline default), <c>embedded:moderation</c> (its
/// variant for everyday traffic, a guard's output check) or <c>embedded:MODEL.json</c>; <c>llamaguard:MODEL</c> and
/// <c>llm:MODEL</c>, where MODEL is an OpenAI-compatible model name or a full target spec
/// (<c>llamaguard:ollama:llama-guard3</c>); <c>cascade:J1,J2</c> and <c>ensemble:J1,J2,...</c>; and any kind a
/// plugin registers.
/// </summary>
public static class JudgeFactory
{
    /// <summary>The judge a run uses when none is named: the in-process embedded judge.</summary>
    public const string DefaultSpec = "embedded";
    /// <summary>The embedded judge's variant for everyday traffic: a guard's output check.</summary>
    public const string ModerationSpec = "embedded:moderation";
    /// <summary>The in-process judge of requests: a guard's input check.</summary>
    public const string PromptGuardSpec = "prompt-guard";

    /// <summary>Makes the judge a spec names, from the default registry.</summary>
    public static ISafetyJudge Create(string spec, JudgeOptions? options = null, TimeProvider? time = null) =>
        JudgeRegistry.Default.Create(spec, options, time);

    /// <summary>At most how many model requests the judge makes per response (0 for in-process judges).</summary>
    public static int ModelCallsPerResponse(string spec) => JudgeRegistry.Default.ModelCallsPerResponse(spec);

    /// <summary>The client of a model judge: MODEL is an OpenAI-compatible model name or a full target spec.</summary>
    public static Microsoft.Extensions.AI.IChatClient ModelClient(
        string model, JudgeOptions options, TimeProvider? time) =>
        ModelClient(model, options, time, judgeSpec: null);

    /// <summary>As above; errors about the model's server name <paramref name="judgeSpec"/>, the judge spec the user
    /// gave.</summary>
    internal static Microsoft.Extensions.AI.IChatClient ModelClient(
        string model, JudgeOptions options, TimeProvider? time, string? judgeSpec)
    {
        var hasProvider = TargetFactory.Providers.Any(
            p => model.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase));
        var targetOptions = new TargetOptions
        {
            BaseUrl = options.BaseUrl,
            Role = TargetRole.Judge,
            ShownSpec = judgeSpec,
            RequestTimeout = options.RequestTimeout,
            MaxAttempts = options.MaxAttempts,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxConcurrency = options.MaxConcurrency,
        };
        return TargetFactory.Create(hasProvider ? model : "openai:" + model, targetOptions, options.ApiKey, time,
            options.Cache);
    }
}
