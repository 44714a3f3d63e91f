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
    /// <summary><c>default</c> (the version's own categories), or a policy from the ALERT taxonomy: <c>alert-macro</c>, <c>alert-micro</c>.</summary>
    public string LlamaGuardPolicy { get; init; } = "default";
    /// <summary>The environment variable holding the judge server's key (the key itself is never an option, so never logged).</summary>
    public string KeyVariable { get; init; } = ApiKeyVariable;
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int MaxAttempts { get; init; } = 4;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>A cascade's first judge decides when at least this confident.</summary>
    public double CascadeConfidence { get; init; } = 0.85;
    public TieBreak EnsembleTie { get; init; } = TieBreak.Error;
    /// <summary>Most judge requests in flight per judge server.</summary>
    public int MaxConcurrency { get; init; } = 64;
    /// <summary>The shared answer cache for model judges (null: none).</summary>
    public Caching.ResponseCache? Cache { get; init; }
}

/// <summary>
/// Creates a judge from a spec: <c>refusal</c>; <c>embedded</c> (the shipped in-process judge for responses to
/// harmful requests, offline default), <c>embedded:moderation</c> (its variant for everyday traffic, a guard's
/// output check) or <c>embedded:MODEL.json</c>; <c>llamaguard:MODEL</c> and <c>llm:MODEL</c>, where MODEL is an
/// OpenAI-compatible model name or a full target spec (<c>llamaguard:ollama:llama-guard3</c>);
/// <c>cascade:J1,J2</c> and <c>ensemble:J1,J2,...</c>.
/// </summary>
public static class JudgeFactory
{
    public const string DefaultSpec = "embedded";
    /// <summary>The embedded judge's variant for everyday traffic: a guard's output check.</summary>
    public const string ModerationSpec = "embedded:moderation";
    /// <summary>The in-process judge of requests: a guard's input check.</summary>
    public const string PromptGuardSpec = "prompt-guard";

    public static ISafetyJudge Create(string spec, JudgeOptions? options = null, TimeProvider? time = null)
    {
        options ??= new JudgeOptions();
        var (kind, rest) = spec.IndexOf(':', StringComparison.Ordinal) is var c and > 0 ? (spec[..c], spec[(c + 1)..]) : (spec, "");
        switch (kind)
        {
            case "refusal" when rest.Length == 0:
                return new RefusalJudge();
            case "prompt-guard":
                return rest.Length == 0 ? Embedded.PromptGuard.LoadDefault()
                    : new Embedded.PromptGuard(Embedded.EmbeddedJudgeModel.Load(rest, Embedded.PromptGuard.FeatureSet));
            case "embedded":
                return new Embedded.EmbeddedJudge(rest switch
                {
                    "" => Embedded.EmbeddedJudgeModel.LoadDefault(),
                    "moderation" => Embedded.EmbeddedJudgeModel.LoadModeration(),
                    _ => Embedded.EmbeddedJudgeModel.Load(rest),
                });
            case "llamaguard" when rest.Length > 0:
                var format = options.LlamaGuardPolicy == "default"
                    ? LlamaGuardPromptFormat.ForVersion(options.LlamaGuardVersion)
                    : LlamaGuardPromptFormat.ForTaxonomy(options.LlamaGuardPolicy);
                return new LlamaGuardJudge(ModelClient(rest, options, time), rest, format, options.LlamaGuardMode);
            case "llm" when rest.Length > 0:
                return new LlmJudge(ModelClient(rest, options, time), rest);
            case "cascade" when rest.Length > 0:
                var pair = SplitList(rest);
                if (pair.Count != 2)
                    throw new AlertException($"bad judge '{spec}': a cascade takes two judges, 'cascade:CHEAP,STRONG'");
                return new CascadeJudge(Create(pair[0], options, time), Create(pair[1], options, time), options.CascadeConfidence);
            case "ensemble" when rest.Length > 0:
                var members = SplitList(rest);
                if (members.Count < 2)
                    throw new AlertException($"bad judge '{spec}': an ensemble takes two or more judges, 'ensemble:J1,J2,...'");
                return new EnsembleJudge(members.Select(m => Create(m, options, time)).ToArray(), options.EnsembleTie);
            default:
                throw new AlertException($"unknown judge '{spec}' (expected embedded, embedded:moderation, embedded:MODEL, prompt-guard, prompt-guard:MODEL, refusal, llamaguard:MODEL, llm:MODEL, cascade:J1,J2 or ensemble:J1,J2,...)");
        }
    }

    /// <summary>At most how many model requests the judge makes per response (0 for in-process judges).</summary>
    public static int ModelCallsPerResponse(string spec) =>
        spec.Split([',', ':'], StringSplitOptions.TrimEntries).Count(part => part is "llamaguard" or "llm");

    private static Microsoft.Extensions.AI.IChatClient ModelClient(string model, JudgeOptions options, TimeProvider? time)
    {
        var hasProvider = TargetFactory.Providers.Any(p => model.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase));
        var targetOptions = new TargetOptions
        {
            BaseUrl = options.BaseUrl,
            RequestTimeout = options.RequestTimeout,
            MaxAttempts = options.MaxAttempts,
            RetryBaseDelay = options.RetryBaseDelay,
            MaxConcurrency = options.MaxConcurrency,
        };
        var apiKey = Environment.GetEnvironmentVariable(options.KeyVariable) is { Length: > 0 } k ? k : null;
        return TargetFactory.Create(hasProvider ? model : "openai:" + model, targetOptions, apiKey, time, options.Cache);
    }

    private static List<string> SplitList(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
