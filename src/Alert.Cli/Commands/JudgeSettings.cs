using System.ComponentModel;
using Alert.Cli.Output;
using Alert.Judges;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary>Options shared by every command that judges.</summary>
public class JudgeSettings : OutputSettings
{
    [CommandOption("--judge <SPEC>")]
    [Description("Judge spec (the judges are listed below); default 'embedded', in-process and offline.")]
    [DefaultValue(JudgeFactory.DefaultSpec)]
    public string Judge { get; init; } = JudgeFactory.DefaultSpec;

    [CommandOption("--judge-base-url <URL>")]
    [Description("Server of the judge model (e.g. http://localhost:8000/v1). Key from ALERT_JUDGE_API_KEY if needed.")]
    public string? JudgeBaseUrl { get; init; }

    [CommandOption("--judge-key-variable <NAME>")]
    [Description("The environment variable that holds the judge server's key.")]
    [DefaultValue(Infrastructure.CliEnvironment.JudgeKeyVariable)]
    public string JudgeKeyVariable { get; init; } = Infrastructure.CliEnvironment.JudgeKeyVariable;

    [CommandOption("--judge-timeout <SECONDS>")]
    [Description("Per-attempt timeout of a judge model request.")]
    [DefaultValue(60)]
    public int JudgeTimeout { get; init; } = 60;

    [CommandOption("--judge-attempts <N>")]
    [Description("Attempts per judge model request for transient failures, with backoff.")]
    [DefaultValue(4)]
    public int JudgeAttempts { get; init; } = 4;

    [CommandOption("--judge-prompt <VERSION>")]
    [Description("Llama Guard prompt: v1 (paper default, O1-O6), v2 (S1-S11), v3 or v4 (S1-S14).")]
    [DefaultValue("v1")]
    public string JudgePrompt { get; init; } = "v1";

    [CommandOption("--judge-policy <POLICY>")]
    [Description(
        "Llama Guard policy: 'default' (the version's categories) or one rendered from the ALERT taxonomy: " +
        "'alert-macro' (6 codes) or 'alert-micro' (32 codes).")]
    [DefaultValue("default")]
    public string JudgePolicy { get; init; } = "default";

    [CommandOption("--judge-mode <MODE>")]
    [Description(
        "'rendered': send the full Llama Guard task prompt; 'conversation': send user/assistant turns and let the " +
        "server's chat template render it.")]
    [DefaultValue("rendered")]
    public string JudgeMode { get; init; } = "rendered";

    [CommandOption("--cascade-confidence <P>")]
    [Description("A cascade's first judge decides when at least this confident (0.5-1); the rest goes to the second.")]
    [DefaultValue(0.85)]
    public double CascadeConfidence { get; init; } = 0.85;

    [CommandOption("--ensemble-tie <RULE>")]
    [Description("How an ensemble settles a tie: error, safe or unsafe.")]
    [DefaultValue("error")]
    public string EnsembleTie { get; init; } = "error";

    [CommandOption("--concurrency <N>")]
    [Description("Requests in flight at once.")]
    [DefaultValue(16)]
    public int Concurrency { get; init; } = 16;

    [CommandOption("--cache <DIR>")]
    [Description(
        "Answer cache shared by runs (default: ALERT_CACHE_DIR, else ~/.cache/alert): the same request to the same " +
        "model is never sent twice.")]
    public string? Cache { get; init; }

    [CommandOption("--no-cache")]
    [Description("Neither read nor write the answer cache (also ALERT_NO_CACHE=1).")]
    public bool NoCache { get; init; }

    /// <summary>The shared answer cache, or null with <c>--no-cache</c> (an explicit <c>--cache</c> wins over
    /// ALERT_NO_CACHE).</summary>
    public Caching.ResponseCache? OpenCache(Infrastructure.CliEnvironment env)
    {
        if (NoCache || (Cache is null && env.Value(Infrastructure.CliEnvironment.NoCacheVariable) is "1" or "true"))
            return null;
        return Caching.ResponseCache.Open(Cache ?? Caching.ResponseCache.DefaultDirectory);
    }

    public override ValidationResult Validate()
    {
        if (Concurrency < 1)
            return ValidationResult.Error("--concurrency must be at least 1");
        if (Infrastructure.UrlOption.Error("--judge-base-url", JudgeBaseUrl) is { } url)
            return ValidationResult.Error(url);
        if (JudgeMode is not ("rendered" or "conversation"))
            return ValidationResult.Error("--judge-mode must be 'rendered' or 'conversation'");
        if (JudgeTimeout < 1)
            return ValidationResult.Error("--judge-timeout must be at least 1 second");
        if (JudgeAttempts < 1)
            return ValidationResult.Error("--judge-attempts must be at least 1");
        if (EnsembleTie is not ("error" or "safe" or "unsafe"))
            return ValidationResult.Error("--ensemble-tie must be error, safe or unsafe");
        // The judge kinds check their own arguments and the options they read.
        var options = CreateJudgeOptions(env: null);
        if ((JudgeRegistry.Default.Validate(JudgeSpec, options) ?? JudgeRegistry.Default.ValidateOptions(options))
            is { } error)
            return ValidationResult.Error(error);
        return base.Validate();
    }

    /// <summary>The spec of the judge the command makes (<c>--judge</c>, unless the command names it
    /// otherwise).</summary>
    protected virtual string JudgeSpec => Judge;

    /// <summary>The judge with every judge option given on the command line.</summary>
    public ISafetyJudge CreateJudge(Infrastructure.CliEnvironment env, Caching.ResponseCache? cache = null) =>
        JudgeFactory.Create(Judge, CreateJudgeOptions(env, cache), env.Time);

    /// <summary>The judge options from the command line and the environment (the judge server's key, its default
    /// server).</summary>
    public JudgeOptions CreateJudgeOptions(Infrastructure.CliEnvironment? env, Caching.ResponseCache? cache = null,
        int maxConcurrency = 64) => new()
        {
            Cache = cache,
            MaxConcurrency = maxConcurrency,
            BaseUrl = env is null ? JudgeBaseUrl : env.ModelServer(JudgeBaseUrl),
            ApiKey = env?.Value(JudgeKeyVariable),
            RequestTimeout = TimeSpan.FromSeconds(JudgeTimeout),
            MaxAttempts = JudgeAttempts,
            LlamaGuardVersion = JudgePrompt,
            LlamaGuardPolicy = JudgePolicy,
            LlamaGuardMode = JudgeMode == "conversation" ? LlamaGuardMode.Conversation : LlamaGuardMode.Rendered,
            CascadeConfidence = CascadeConfidence,
            EnsembleTie = Enum.Parse<TieBreak>(EnsembleTie, ignoreCase: true),
        };
}
