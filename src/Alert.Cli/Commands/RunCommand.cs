using System.ComponentModel;
using Alert.Benchmark;
using Alert.Cli.Infrastructure;
using Alert.Judges;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class RunSettings : JudgeSettings
{
    [CommandOption("--benchmark <FILE>")]
    [Description("Benchmark JSONL file (ALERT or Hugging Face layout); repeat for several. Default: the built-in benchmark.")]
    public string[] Benchmark { get; init; } = [];

    [CommandOption("--target <SPEC>")]
    [Description("Model under test: openai:MODEL, ollama:MODEL, gguf:PATH, mock:refuse|comply|echo.")]
    public string? Target { get; init; }

    [CommandOption("--out <RUNDIR>")]
    [Description("Run directory (state in run.db; re-running the same command resumes).")]
    public string? Out { get; init; }

    [CommandOption("--base-url <URL>")]
    [Description("Target server (OpenAI-compatible .../v1, or Ollama). Default: OPENAI_BASE_URL. Key from OPENAI_API_KEY.")]
    public string? BaseUrl { get; init; }

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

    [CommandOption("--attempts <N>")]
    [Description("Attempts per request for transient failures (429, 5xx, timeouts), with backoff.")]
    [DefaultValue(4)]
    public int Attempts { get; init; } = 4;

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
        if (Attempts < 1)
            return ValidationResult.Error("--attempts must be at least 1");
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
            BaseUrl = settings.BaseUrl,
            Temperature = settings.Temperature,
            MaxOutputTokens = settings.MaxTokens,
            SystemPrompt = settings.SystemPrompt,
            SendRaw = settings.Raw,
            RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
            MaxAttempts = settings.Attempts,
        };
        var benchmark = settings.Benchmark.Length == 0
            ? await BenchmarkSet.LoadBuiltInAsync(cancellationToken)
            : await BenchmarkSet.LoadAsync(settings.Benchmark, cancellationToken);
        if (settings.Limit is { } limit)
            benchmark = benchmark.Take(limit);

        using var judge = new DisposableJudge(settings.CreateJudge(env.Time));
        using var target = TargetFactory.Create(settings.Target!, targetOptions, time: env.Time);
        // The server is where the target is served, not what it is: a run may move between servers.
        var identity = new RunIdentity(settings.Target!, targetOptions.Identity, benchmark.Name, benchmark.Sha256);

        await using var store = await RunStore.OpenAsync(settings.Out!, cancellationToken);
        await store.InitializeAsync(identity, benchmark, env.Time.GetUtcNow(), cancellationToken);
        await store.SetMetaAsync("target_server", TargetFactory.Describe(settings.Target!, targetOptions), cancellationToken: cancellationToken);
        env.Out.MarkupLineInterpolated($"target [bold]{TargetFactory.Describe(settings.Target!, targetOptions)}[/], judge [bold]{judge.Name}[/], {benchmark.Prompts.Count} prompts from {benchmark.Name}");

        var runner = new AlertRunner(target, targetOptions, judge.Judge, env.Time);
        var summary = await ProgressReporter.RunAsync(env.Out, "run",
            progress => runner.RunAsync(store, new RunOptions { Concurrency = settings.Concurrency, JudgeConcurrency = settings.JudgeConcurrency, RetryErrors = settings.RetryErrors }, progress, cancellationToken));
        if (summary.AlreadyDone > 0)
            env.Out.WriteLine($"resumed: {summary.AlreadyDone} prompts were already done");
        env.Out.WriteLine($"requested {summary.Requested} responses ({summary.TargetErrors} target errors), judged {summary.Judged} ({summary.JudgeErrors} judge errors)");
        if (judge.Judge is CascadeJudge cascade)
            env.Out.WriteLine($"cascade: {cascade.DecidedByFirst} decided by the first judge, {cascade.Deferred} sent to the second");

        var scores = await RunOutputs.WriteAsync(store, judge.Name, cancellationToken);
        ScoreTable.Write(env.Out, scores);
        env.Out.WriteLine($"wrote {Path.Combine(settings.Out!, ResultsFile.FileName)}, {RunOutputs.ScoresFileName} and report.md");
        if (scores.Overall.Errors > 0)
            env.Out.WriteLine($"{scores.Overall.Errors} prompts ended in an error; re-run with --retry-errors to try them again");
        return AlertCli.ExitOk;
    }
}
