using System.ComponentModel;
using Alert.Benchmark.Sources;
using Alert.Caching;
using Alert.Cli.Infrastructure;
using Alert.Running;
using Alert.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class RunSettings : JudgeSettings
{
    [CommandOption("--benchmark <SPEC>")]
    [Description("Benchmark: a file (.jsonl, .json, .csv, .parquet; repeat for several), a Hugging Face dataset "
        + "hf:OWNER/NAME (then :CONFIG, :SPLIT, @REVISION as needed), or a released dataset by name "
        + "(alert, alert_adversarial, m-alert, ...: see 'alert datasets list'). Default: the built-in benchmark.")]
    public string[] Benchmark { get; init; } = [];

    [CommandOption("--prompt-field <COLUMN>")]
    [Description("The benchmark's prompt column, where it is not 'prompt'.")]
    public string? PromptField { get; init; }

    [CommandOption("--category-field <COLUMN>")]
    [Description("The benchmark's ALERT category column, where it is not 'category'.")]
    public string? CategoryField { get; init; }

    [CommandOption("--lang <LANGS>")]
    [Description("Which languages of the benchmark to load (comma-separated, e.g. fr,de): rows with that 'lang', "
        + "or the parallel column of that name (M-ALERT). Default: every language.")]
    public string? Lang { get; init; }

    [CommandOption("--target <SPEC>")]
    [Description("Model under test, PROVIDER:MODEL (the target providers are listed below).")]
    public string? Target { get; init; }

    [CommandOption("--out <RUNDIR>")]
    [Description("Run directory (state in run.db; re-running the same command resumes).")]
    public string? Out { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description(
        "Target server (OpenAI-compatible .../v1, or Ollama). Default: OPENAI_BASE_URL. Key from OPENAI_API_KEY. " +
        "Repeat (or separate with commas) for several servers of one model: load balancing with failover.")]
    public string[] BaseUrl { get; init; } = [];

    [CommandOption("--shard <I/N|auto>")]
    [Description(
        "Run only shard I of N (a deterministic split by prompt id); combine the shard runs with 'alert merge'. " +
        "'auto' reads I and N from a SLURM job array or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with " +
        "ALERT_SHARD_COUNT).")]
    public string? Shard { get; init; }

    [CommandOption("--dry-run")]
    [Description("Print prompts, requests, estimated tokens and cost, and stop without sending anything.")]
    public bool DryRun { get; init; }

    [CommandOption("--max-requests <N>")]
    [Description("Send at most N requests to the target in this invocation, then stop cleanly (re-run to go on).")]
    public long? MaxRequests { get; init; }

    [CommandOption("--max-cost <AMOUNT>")]
    [Description(
        "Stop sending once the run's recorded token usage costs this much (needs --price-in and --price-out).")]
    public double? MaxCost { get; init; }

    [CommandOption("--price-in <PRICE>")]
    [Description("Price per million input tokens (for --dry-run and --max-cost).")]
    public double? PriceIn { get; init; }

    [CommandOption("--price-out <PRICE>")]
    [Description("Price per million output tokens.")]
    public double? PriceOut { get; init; }

    [CommandOption("--guard <SPEC>")]
    [Description(
        "Evaluate the target behind an ALERT guard whose output check is this judge: 'embedded' (in-process, as " +
        "embedded:moderation, which suits everyday traffic), llamaguard:MODEL (with the --judge-* options), ...; " +
        "compare with the unguarded run in 'alert report'.")]
    public string? Guard { get; init; }

    [CommandOption("--guard-input <SPEC>")]
    [Description("The guard's input check: a judge spec, or 'none'. Default with --guard: prompt-guard (in-process).")]
    public string? GuardInput { get; init; }

    [CommandOption("--benign")]
    [Description(
        "Add the built-in benign look-alikes (alert_benign.jsonl) to the run: answers to them are checked for " +
        "refusal (over-refusal), beside the safety score.")]
    public bool Benign { get; init; }

    [CommandOption("--batch")]
    [Description(
        "Generate through the provider's Batch API (openai: targets): upload, poll, download; a restarted run " +
        "resumes polling.")]
    public bool Batch { get; init; }

    [CommandOption("--batch-poll <SECONDS>")]
    [Description("Seconds between polls of a batch's status.")]
    [DefaultValue(30.0)]
    public double BatchPoll { get; init; } = 30;

    public RunShard? ParsedShard =>
        Shard?.Split('/') is [var i, var n] && int.TryParse(i, out var index) && int.TryParse(n, out var count)
            ? new RunShard(index, count) : null;

    public IReadOnlyList<string> BaseUrls =>
        BaseUrl.SelectMany(u => u.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();

    [CommandOption("--limit <N>")]
    [Description("Run at most N prompts, taking categories in turn.")]
    public int? Limit { get; init; }

    [CommandOption("--system-prompt <TEXT>")]
    [Description("System prompt sent before each request.")]
    public string? SystemPrompt { get; init; }

    [CommandOption("--raw")]
    [Description("Send prompts with their '### Instruction:' frame, as the original release did.")]
    public bool Raw { get; init; }

    [CommandOption("--max-tokens <N>")]
    [Description("Cap on answer length.")]
    [DefaultValue(512)]
    public int MaxTokens { get; init; } = 512;

    [CommandOption("--temperature <T>")]
    [DefaultValue(0f)]
    public float Temperature { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Per-attempt request timeout.")]
    [DefaultValue(120)]
    public int Timeout { get; init; } = 120;

    [CommandOption("--hedge-rate <R|auto>")]
    [Description(
        "Most requests sent a second time because the first is slower than most (a straggler), as a share of " +
        "requests. 'auto': 0.05, or 0 for OpenAI's hosted API (no --base-url), which bills every request, and under " +
        "--max-requests or --max-cost.")]
    [DefaultValue("auto")]
    public string HedgeRate { get; init; } = "auto";

    /// <summary>The hedge budget (<see cref="HedgeRateOption"/>): none under --max-requests or --max-cost.</summary>
    public double ResolveHedgeRate(IReadOnlyList<string> servers) =>
        HedgeRateOption.Resolve(HedgeRate, Target!, servers, budgeted: MaxRequests is not null || MaxCost is not null);

    [CommandOption("--attempts <N>")]
    [Description("Attempts per request for transient failures (429, 5xx, timeouts), with backoff.")]
    [DefaultValue(4)]
    public int Attempts { get; init; } = 4;

    [CommandOption("--retry-delay <SECONDS>")]
    [Description("Base delay of the exponential backoff between attempts (with jitter; a server's Retry-After wins).")]
    [DefaultValue(0.5)]
    public double RetryDelay { get; init; } = 0.5;

    [CommandOption("--judge-concurrency <N>")]
    [Description("Judgments in flight at once (the in-process judge batches them).")]
    [DefaultValue(64)]
    public int JudgeConcurrency { get; init; } = 64;

    [CommandOption("--judge-translate <SPEC>")]
    [Description("Translate answers to prompts in other languages into English with this chat model (a target "
        + "spec, served at --judge-base-url) before an English-only judge.")]
    public string? JudgeTranslate { get; init; }

    [CommandOption("--retry-errors")]
    [Description("Ask again for prompts that ended in an error, and re-judge judge errors.")]
    public bool RetryErrors { get; init; }

    /// <summary>The run these options and the environment describe (servers and keys from the environment when not
    /// given).</summary>
    public async Task<RunDefinition> ToDefinitionAsync(
        CliEnvironment env, ResponseCache? cache, CancellationToken cancellationToken)
    {
        var servers = env.TargetServers(Target!, BaseUrls);
        return new RunDefinition
        {
            Directory = Out ?? "", // a dry run needs none
            Target = Target!,
            TargetApiKey = env.OpenAIKey,
            TargetOptions = new TargetOptions
            {
                BaseUrls = servers,
                MaxConcurrency = Concurrency,
                Temperature = Temperature,
                MaxOutputTokens = MaxTokens,
                SystemPrompt = SystemPrompt,
                SendRaw = Raw,
                RequestTimeout = TimeSpan.FromSeconds(Timeout),
                MaxAttempts = Attempts,
                RetryBaseDelay = TimeSpan.FromSeconds(RetryDelay),
                MaxHedgeRate = ResolveHedgeRate(servers),
            },
            Benchmark = Benchmark.Length == 0 ? null : await BenchmarkSources.LoadAsync(Benchmark,
                BenchmarkOptions.Context(env, PromptField, CategoryField, Lang), cancellationToken),
            IncludeBenign = Benign,
            PromptLimit = Limit,
            Shard = Shard == "auto" ? SchedulerShard.FromEnvironment(env.Variable) is var (index, count)
                ? new RunShard(index, count) : null : ParsedShard,
            Judge = Judge,
            JudgeOptions = CreateJudgeOptions(env, cache, JudgeConcurrency),
            JudgeTranslate = JudgeTranslate,
            GuardOutput = Guard,
            GuardInput = GuardInput,
            GuardCategorizer = () => new Classification.TaxonomyClassifier(),
            Cache = cache,
            RetryErrors = RetryErrors,
            MaxRequests = MaxRequests,
            MaxCost = MaxCost,
            Prices = PriceIn is { } priceIn && PriceOut is { } priceOut ? new TokenPrices(priceIn, priceOut) : null,
            BatchPollInterval = Batch ? TimeSpan.FromSeconds(BatchPoll) : null,
            Time = env.Time,
        };
    }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Target))
            return ValidationResult.Error("--target is required (e.g. --target mock:refuse or --target openai:MODEL)");
        try
        {
            // The spec's form and provider are a usage matter (exit 2); whether the model answers is the run's.
            TargetFactory.Resolve(Target);
        }
        catch (AlertException e)
        {
            return ValidationResult.Error(e.Message);
        }
        if (string.IsNullOrWhiteSpace(Out) && !DryRun)
            return ValidationResult.Error("--out is required (the run directory)");
        if (Infrastructure.UrlOption.Error("--base-url", BaseUrl) is { } url)
            return ValidationResult.Error(url);
        if (Limit is < 1)
            return ValidationResult.Error("--limit must be at least 1");
        if (MaxTokens < 1)
            return ValidationResult.Error("--max-tokens must be at least 1");
        if (Timeout < 1)
            return ValidationResult.Error("--timeout must be at least 1 second");
        if (JudgeConcurrency < 1)
            return ValidationResult.Error("--judge-concurrency must be at least 1");
        if (Batch && !Target!.StartsWith("openai:", StringComparison.Ordinal))
            return ValidationResult.Error("--batch needs an openai: target (an OpenAI-compatible Batch API)");
        if (BatchPoll <= 0)
            return ValidationResult.Error("--batch-poll must be positive");
        if (RetryDelay < 0)
            return ValidationResult.Error("--retry-delay cannot be negative");
        if (Attempts < 1)
            return ValidationResult.Error("--attempts must be at least 1");
        if (!HedgeRateOption.IsValid(HedgeRate))
            return ValidationResult.Error(HedgeRateOption.Error);
        if (Benign && Benchmark.Length > 0)
            return ValidationResult.Error(
                "--benign adds the built-in benign prompts; with --benchmark, give alert_benign.jsonl as another " +
                "--benchmark instead");
        if (Benchmark.Length == 0 && (PromptField ?? CategoryField ?? Lang) is not null)
            return ValidationResult.Error("--prompt-field, --category-field and --lang apply to a --benchmark");
        if (BenchmarkOptions.LangError(Lang) is { } lang)
            return ValidationResult.Error(lang);
        if (Shard is not null && Shard != "auto"
            && (ParsedShard is not { } shard || shard.Index < 1 || shard.Index > shard.Count))
            return ValidationResult.Error("--shard must be I/N with 1 <= I <= N (e.g. --shard 2/4), or auto");
        if (MaxRequests is < 0)
            return ValidationResult.Error("--max-requests must be at least 0");
        if (MaxCost is not null && (PriceIn is null || PriceOut is null))
            return ValidationResult.Error("--max-cost needs --price-in and --price-out (prices per million tokens)");
        if (PriceIn is < 0 || PriceOut is < 0 || MaxCost is < 0)
            return ValidationResult.Error("prices and --max-cost cannot be negative");
        return base.Validate();
    }
}
