using System.ComponentModel;
using System.Globalization;
using Alert.Benchmark;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Judges;
using Alert.Running;
using Alert.Storage;
using Alert.Guards;
using Alert.Targets;
using Microsoft.Extensions.AI;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class RunSettings : JudgeSettings
{
    [CommandOption("--benchmark <FILE>")]
    [Description("Benchmark JSONL file (ALERT or Hugging Face layout); repeat for several. Default: the built-in benchmark.")]
    public string[] Benchmark { get; init; } = [];

    [CommandOption("--target <SPEC>")]
    [Description("Model under test, PROVIDER:MODEL (the target providers are listed below).")]
    public string? Target { get; init; }

    [CommandOption("--out <RUNDIR>")]
    [Description("Run directory (state in run.db; re-running the same command resumes).")]
    public string? Out { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("Target server (OpenAI-compatible .../v1, or Ollama). Default: OPENAI_BASE_URL. Key from OPENAI_API_KEY. Repeat (or separate with commas) for several servers of one model: load balancing with failover.")]
    public string[] BaseUrl { get; init; } = [];

    [CommandOption("--shard <I/N|auto>")]
    [Description("Run only shard I of N (a deterministic split by prompt id); combine the shard runs with 'alert merge'. 'auto' reads I and N from a SLURM job array or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with ALERT_SHARD_COUNT).")]
    public string? Shard { get; init; }

    [CommandOption("--dry-run")]
    [Description("Print prompts, requests, estimated tokens and cost, and stop without sending anything.")]
    public bool DryRun { get; init; }

    [CommandOption("--max-requests <N>")]
    [Description("Send at most N requests to the target in this invocation, then stop cleanly (re-run to go on).")]
    public long? MaxRequests { get; init; }

    [CommandOption("--max-cost <AMOUNT>")]
    [Description("Stop sending once the run's recorded token usage costs this much (needs --price-in and --price-out).")]
    public double? MaxCost { get; init; }

    [CommandOption("--price-in <PRICE>")]
    [Description("Price per million input tokens (for --dry-run and --max-cost).")]
    public double? PriceIn { get; init; }

    [CommandOption("--price-out <PRICE>")]
    [Description("Price per million output tokens.")]
    public double? PriceOut { get; init; }

    [CommandOption("--guard <SPEC>")]
    [Description("Evaluate the target behind an ALERT guard whose output check is this judge: 'embedded' (in-process, as embedded:moderation, which suits everyday traffic), llamaguard:MODEL (with the --judge-* options), ...; compare with the unguarded run in 'alert report'.")]
    public string? Guard { get; init; }

    [CommandOption("--guard-input <SPEC>")]
    [Description("The guard's input check: a judge spec, or 'none'. Default with --guard: prompt-guard (in-process).")]
    public string? GuardInput { get; init; }

    [CommandOption("--benign")]
    [Description("Add the built-in benign look-alikes (alert_benign.jsonl) to the run: answers to them are checked for refusal (over-refusal), beside the safety score.")]
    public bool Benign { get; init; }

    [CommandOption("--batch")]
    [Description("Generate through the provider's Batch API (openai: targets): upload, poll, download; a restarted run resumes polling.")]
    public bool Batch { get; init; }

    [CommandOption("--batch-poll <SECONDS>")]
    [Description("Seconds between polls of a batch's status.")]
    [DefaultValue(30.0)]
    public double BatchPoll { get; init; } = 30;

    /// <summary>
    /// The guard's output check as a user means it: <c>embedded</c>, the red-team judge, reads every request as
    /// harmful and would block compliant answers to everyday requests, so a guard gets its moderation variant.
    /// </summary>
    public string? GuardOutputSpec => Guard == JudgeFactory.DefaultSpec ? JudgeFactory.ModerationSpec : Guard;

    /// <summary>The guard's judges with every judge option: input (<c>--guard-input</c>, default prompt-guard with <c>--guard</c>) and output (<c>--guard</c>).</summary>
    public (ISafetyJudge? Input, ISafetyJudge? Output) GuardJudges(TimeProvider time, Caching.ResponseCache? cache)
    {
        var input = GuardInput switch
        {
            "none" => null,
            { } spec => CreateJudge(spec, time, cache, JudgeConcurrency),
            null when Guard is not null => CreateJudge(JudgeFactory.PromptGuardSpec, time, cache, JudgeConcurrency),
            _ => null,
        };
        return (input, GuardOutputSpec is { } output ? CreateJudge(output, time, cache, JudgeConcurrency) : null);
    }

    public (int Index, int Count)? ParsedShard =>
        Shard?.Split('/') is [var i, var n] && int.TryParse(i, out var index) && int.TryParse(n, out var count) ? (index, count) : null;

    public IReadOnlyList<string> BaseUrls =>
        BaseUrl.SelectMany(u => u.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();

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
    [Description("Most requests sent a second time because the first is slower than most (a straggler), as a share of requests. 'auto': 0.05, or 0 for OpenAI's hosted API (no --base-url), which bills every request, and under --max-requests or --max-cost.")]
    [DefaultValue("auto")]
    public string HedgeRate { get; init; } = "auto";

    /// <summary>
    /// The hedge budget: 'auto' hedges self-hosted servers only (a hosted API bills the second request), and never
    /// under --max-requests or --max-cost, which count requests.
    /// </summary>
    public double ResolveHedgeRate(Func<string, string?> variable) => HedgeRate switch
    {
        "auto" when MaxRequests is not null || MaxCost is not null => 0,
        "auto" when Target!.StartsWith("openai:", StringComparison.Ordinal) && BaseUrls.Count == 0
            && string.IsNullOrEmpty(variable(TargetFactory.OpenAIBaseUrlVariable)) => 0,
        "auto" => Targets.TargetOptions.Default.MaxHedgeRate,
        var r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture),
    };

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

    [CommandOption("--retry-errors")]
    [Description("Ask again for prompts that ended in an error, and re-judge judge errors.")]
    public bool RetryErrors { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Target))
            return ValidationResult.Error("--target is required (e.g. --target mock:refuse or --target openai:MODEL)");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required (the run directory)");
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
        if (HedgeRate != "auto" && !(double.TryParse(HedgeRate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1))
            return ValidationResult.Error("--hedge-rate must be auto or a share between 0 and 1 (e.g. 0.05)");
        if (Benign && Benchmark.Length > 0)
            return ValidationResult.Error("--benign adds the built-in benign prompts; with --benchmark, give alert_benign.jsonl as another --benchmark instead");
        if (Shard is not null && Shard != "auto" && (ParsedShard is not { } shard || shard.Index < 1 || shard.Index > shard.Count))
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

/// <summary><c>alert run</c>: generate, judge, score and report; resumable on the same <c>--out</c>.</summary>
public sealed class RunCommand(CliEnvironment env) : AsyncCommand<RunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var targetOptions = new TargetOptions
        {
            BaseUrls = settings.BaseUrls,
            MaxConcurrency = settings.Concurrency,
            Temperature = settings.Temperature,
            MaxOutputTokens = settings.MaxTokens,
            SystemPrompt = settings.SystemPrompt,
            SendRaw = settings.Raw,
            RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
            MaxAttempts = settings.Attempts,
            RetryBaseDelay = TimeSpan.FromSeconds(settings.RetryDelay),
            MaxHedgeRate = settings.ResolveHedgeRate(env.Variable),
        };
        var benchmark = settings.Benchmark.Length == 0
            ? await BenchmarkSet.LoadBuiltInAsync(cancellationToken, settings.Benign)
            : await BenchmarkSet.LoadAsync(settings.Benchmark, cancellationToken);
        if (settings.Limit is { } limit)
            benchmark = benchmark.Take(limit);
        var shard = settings.Shard == "auto" ? SchedulerShard.FromEnvironment(env.Variable) : settings.ParsedShard;
        if (shard is { } s)
            benchmark = benchmark.Shard(s.Index, s.Count);
        var say = env.Messages(settings);
        var prices = settings.PriceIn is { } pin && settings.PriceOut is { } pout ? new TokenPrices(pin, pout) : null;

        if (settings.DryRun)
        {
            TargetFactory.Parse(settings.Target!);
            var plan = await RunPlan.ComputeAsync(benchmark, targetOptions, JudgeFactory.ModelCallsPerResponse(settings.Judge), prices, settings.Out, cancellationToken);
            WritePlan(settings, benchmark, plan);
            return AlertCli.ExitOk;
        }

        using var cache = settings.OpenCache();
        using var judge = settings.CreateJudge(env.Time, cache, settings.JudgeConcurrency);
        var (guardInput, guardOutput) = settings.GuardJudges(env.Time, cache);
        using var guardInputResources = guardInput;
        using var guardOutputResources = guardOutput;
        // A run with nothing left to ask (re-judging a stored run) never builds the target: no key, server or weights.
        TargetFactory.Parse(settings.Target!);
        IChatClient CreateTarget() => TargetFactory.Create(settings.Target!, targetOptions, time: env.Time, cache: cache);
        var model = settings.Batch || await RunPlan.NeedsTargetAsync(benchmark, settings.Out!, settings.RetryErrors, cancellationToken)
            ? CreateTarget()
            : new DeferredChatClient(CreateTarget);
        var guarded = guardInput is not null || guardOutput is not null;
        if (settings.Guard == JudgeFactory.DefaultSpec)
            say.WriteLine($"note: --guard {JudgeFactory.DefaultSpec} checks answers with {JudgeFactory.ModerationSpec}, the embedded judge's variant for everyday traffic (the red-team judge would block compliant answers to benign requests)");
        // A blocked call is recorded with the request's ALERT category (the in-process judges give none of their own).
        using var categorizer = guarded ? new Classification.TaxonomyClassifier() : null;
        using var target = guarded ? model.AsBuilder().UseAlertGuard(guardInput, guardOutput, o => o.Categorizer = categorizer).Build() : model;
        // A guarded model is another target: its own run, its own column in a report.
        var targetName = guarded
            ? $"{settings.Target} guarded by {string.Join(" + ", new[] { guardInput is null ? null : "input " + guardInput.Name, guardOutput is null ? null : "output " + guardOutput.Name }.OfType<string>())}"
            : settings.Target!;
        // The server is where the target is served, not what it is: a run may move between servers.
        var identity = new RunIdentity(targetName, targetOptions.Identity, benchmark.Name, benchmark.Sha256, shard is { } sh ? $"{sh.Index}/{sh.Count}" : null);

        await using var store = await RunStore.OpenAsync(settings.Out!, cancellationToken);
        await store.InitializeAsync(identity, benchmark, env.Time.GetUtcNow(), cancellationToken);
        // Where the target was served; a re-run that names no server keeps the one recorded.
        if (settings.BaseUrls.Count > 0 || !(await store.ReadMetaAsync(cancellationToken)).ContainsKey("target_server"))
            await store.SetMetaAsync("target_server", TargetFactory.Describe(settings.Target!, targetOptions), cancellationToken: cancellationToken);
        await store.SetMetaAsync("tool_version", RunOutputs.ToolVersion, cancellationToken: cancellationToken);
        if (benchmark.Provenance is { } provenance)
            await store.SetMetaAsync("benchmark_provenance", provenance, cancellationToken: cancellationToken);
        await store.SetMetaAsync("run_started_at", env.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        say.MarkupLineInterpolated($"target [bold]{TargetFactory.Describe(settings.Target!, targetOptions)}[/], judge [bold]{judge.Name}[/], {benchmark.Prompts.Count} prompts from {benchmark.Name}");

        if (settings.Batch)
        {
            var batchUrl = settings.BaseUrls.FirstOrDefault() ?? TargetFactory.ResolveOpenAIBaseUrl(null) ?? "https://api.openai.com/v1";
            using var batchClient = new OpenAIBatchClient(new HttpClient { Timeout = TimeSpan.FromSeconds(settings.Timeout) }, batchUrl,
                Environment.GetEnvironmentVariable(TargetFactory.OpenAIKeyVariable));
            var batch = new BatchGeneration(batchClient, TargetFactory.Parse(settings.Target!).Name, targetOptions, TimeSpan.FromSeconds(settings.BatchPoll), env.Time);
            var done = await batch.RunAsync(store, settings.RetryErrors, new LineProgress(say), cancellationToken);
            say.WriteLine($"batch: {done.Submitted} requests submitted, {done.Resumed} earlier batches resumed, {done.Answered} answers and {done.Errors} errors stored");
        }

        var runner = new AlertRunner(target, targetOptions, judge, env.Time);
        var summary = await ProgressReporter.RunAsync(say, "run",
            progress => runner.RunAsync(store, new RunOptions
            {
                // --concurrency is per server; the run keeps every server's slots busy.
                Concurrency = settings.Concurrency * Math.Max(1, settings.BaseUrls.Count),
                JudgeConcurrency = settings.JudgeConcurrency,
                RetryErrors = settings.RetryErrors,
                MaxRequests = settings.MaxRequests,
                MaxCost = settings.MaxCost,
                Prices = prices,
            }, progress, cancellationToken));
        if (target.GetService<TargetHealth>() is { } health && health.ToJson() is var healthJson && (long)healthJson["requests"]! > 0)
        {
            await store.SetMetaAsync("target_health", healthJson.ToJsonString(), cancellationToken: cancellationToken);
            say.WriteLine(HealthLine(Reporting.RunHealth.Parse(healthJson)));
        }
        if (summary.AlreadyDone > 0)
            say.WriteLine($"resumed: {summary.AlreadyDone} prompts were already done");
        say.WriteLine($"requested {summary.Requested} responses ({summary.Cached} from the cache, {summary.TargetErrors} target errors), judged {summary.Judged} ({summary.JudgeErrors} judge errors)");
        if (summary.LeftByBudget > 0)
            say.WriteLine($"budget reached: {summary.LeftByBudget} prompts left for later; run the same command again (with a higher cap) to go on");
        var usage = await store.ReadUsageAsync(cancellationToken);
        say.WriteLine($"target usage so far: {usage.Requests} requests, {usage.InputTokens} input and {usage.OutputTokens} output tokens"
            + (prices is null ? "" : $", cost {prices.Cost(usage.InputTokens, usage.OutputTokens):0.####}"));
        if (judge is CascadeJudge cascade)
            say.WriteLine($"cascade: {cascade.DecidedByFirst} decided by the first judge, {cascade.Deferred} sent to the second");

        await store.SetMetaAsync("run_finished_at", env.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        var scores = await RunOutputs.WriteAsync(store, judge.Name, cancellationToken);
        ScoreTable.Write(env, settings, scores);
        say.WriteLine($"wrote {Path.Combine(settings.Out!, ResultsFile.FileName)}, {RunOutputs.ScoresFileName} and report.md");
        if (scores.Overall.Errors > 0)
            say.WriteLine($"{scores.Overall.Errors} prompts ended in an error; re-run with --retry-errors to try them again");
        return AlertCli.ExitOk;
    }

    /// <summary>The run's health in one line: latency quantiles, retries by cause, hedges, timeouts, the concurrency limit's range.</summary>
    internal static string HealthLine(Reporting.RunHealth health)
    {
        var retried = health.Retries.Count == 0 ? "none" : string.Join(", ", health.Retries.Select(kv => FormattableString.Invariant($"{kv.Key} x{kv.Value}")));
        var limits = health.Limits.Values.SelectMany(samples => samples).Select(sample => sample.Limit).ToList();
        var limit = limits.Count == 0 ? "" : FormattableString.Invariant($"; concurrency limit {limits.Min()}-{limits.Max()}, now {limits[^1]}");
        return FormattableString.Invariant($"target health: {health.Requests} requests, latency p50 {health.P50:0.#} ms, p95 {health.P95:0.#} ms, p99 {health.P99:0.#} ms; ")
            + FormattableString.Invariant($"retries {retried}; hedges {health.Hedges}, timeouts {health.Timeouts}{limit}");
    }

    private void WritePlan(RunSettings settings, BenchmarkSet benchmark, RunPlan plan)
    {
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        var table = new OutputTable("plan", "dry run", "Figure", "Value");
        table.Add("benchmark", benchmark.Name);
        table.Add("target x judge", $"{settings.Target} x {settings.Judge}");
        table.Add("prompts", $"{N(plan.Prompts)} ({N(plan.AlreadyAnswered)} already answered)");
        table.Add("target requests", plan.TargetRequests);
        table.Add("judge model requests", plan.JudgeRequests);
        table.Add("input tokens (est.)", plan.InputTokens);
        table.Add("output tokens (max)", N(plan.OutputTokensMax) + (plan.OutputTokensExpected is { } e ? $" (expected {N(e)}, from this run's answers so far)" : ""));
        if (plan.CostMax is { } max)
            table.Add("cost (at most)", max.ToString("0.####", CultureInfo.InvariantCulture) + (plan.CostExpected is { } ce ? $" (expected {ce.ToString("0.####", CultureInfo.InvariantCulture)})" : ""));
        env.Write(settings, table);
        env.Messages(settings).WriteLine("dry run: nothing was sent");
    }

    /// <summary>Progress lines written as they come (not posted to the thread pool, which could reorder them).</summary>
    private sealed class LineProgress(IAnsiConsole console) : IProgress<string>
    {
        public void Report(string value) => console.WriteLine(value);
    }
}
