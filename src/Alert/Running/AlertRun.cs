using System.Globalization;
using Alert.Benchmark;
using Alert.Guards;
using Alert.Judges;
using Alert.Reporting;
using Alert.Storage;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.Running;

/// <summary>
/// A run, composed from a <see cref="RunDefinition"/>: the target (built only when something is left to ask it),
/// the guard in front of it, the judge, the store with the run's identity and metadata; <see cref="RunAsync"/>
/// generates, judges, scores and writes the run's files and manifest. Opening the same directory again resumes.
/// </summary>
public sealed class AlertRun : IAsyncDisposable
{
    /// <summary>Where <see cref="OpenAIBatchClient"/> goes when the target names no server.</summary>
    public const string OpenAIApiUrl = "https://api.openai.com/v1";

    private readonly RunDefinition _definition;
    private readonly RunStore _store;
    private readonly IChatClient _target;
    private readonly List<IDisposable> _owned;

    private AlertRun(RunDefinition definition, BenchmarkSet prompts, RunStore store, IChatClient target,
        ISafetyJudge judge, string targetName, List<IDisposable> owned, int addedPrompts)
    {
        AddedPrompts = addedPrompts;
        // The prompts live in the store from here on: holding the set (and the definition's) would keep every
        // prompt's text in memory for the whole run.
        _definition = definition with { Benchmark = null };
        PromptCount = prompts.Prompts.Count;
        PromptSetName = prompts.Name;
        LimitNote = prompts.LimitNote;
        _languageNote = LanguageNote.For(prompts.Prompts, judge);
        _store = store;
        _target = target;
        Judge = judge;
        TargetName = targetName;
        _owned = owned;
    }

    private readonly string? _languageNote;

    /// <summary>How many prompts this run has (limited and sharded).</summary>
    public int PromptCount { get; }

    /// <summary>Prompts this invocation added to a run it resumed (a larger <c>--limit</c>); 0 for a new
    /// run.</summary>
    public int AddedPrompts { get; }

    /// <summary>A limit above the benchmark's size, said in one line (<see cref="BenchmarkSet.LimitNote"/>).</summary>
    public string? LimitNote { get; }

    /// <summary>The name of the benchmark the run's prompts come from.</summary>
    public string PromptSetName { get; }

    /// <summary>The run's judge (a cascade reports what it deferred).</summary>
    public ISafetyJudge Judge { get; }

    /// <summary>The target as the run records it; a guarded target names its guard (another target, its own
    /// run).</summary>
    public string TargetName { get; }

    /// <summary>The target and where it is served, safe to print or store (never a key).</summary>
    public string TargetServer => _definition.TargetClient is null
        ? TargetFactory.Describe(_definition.Target, _definition.TargetOptions) : _definition.Target;

    /// <summary>The run directory.</summary>
    public string Directory => _store.Directory;

    /// <summary>What the run would send, worked out without sending anything or creating a judge.</summary>
    public static async Task<RunPlan> PlanAsync(RunDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.TargetClient is null)
            TargetFactory.Resolve(definition.Target);
        var prompts = await definition.LoadPromptsAsync(cancellationToken).ConfigureAwait(false);
        return await RunPlan.ComputeAsync(prompts, definition.TargetOptions,
            JudgeFactory.ModelCallsPerResponse(definition.Judge),
            definition.Prices, string.IsNullOrEmpty(definition.Directory) ? null : definition.Directory,
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens (or creates) the run: makes the judges and the target, records the run's identity and
    /// metadata.</summary>
    public static async Task<AlertRun> OpenAsync(
        RunDefinition definition, CancellationToken cancellationToken = default)
    {
        if (definition.TargetClient is null)
            TargetFactory.Resolve(definition.Target);
        var prompts = await definition.LoadPromptsAsync(cancellationToken).ConfigureAwait(false);
        var time = definition.Time;
        var judgeOptions = definition.JudgeOptions with { Cache = definition.Cache };
        var owned = new List<IDisposable>();
        try
        {
            var judge = Own(owned, CreateJudge(definition, judgeOptions, time));
            var guardInput = definition.GuardInputJudge is { } input
                ? Own(owned, JudgeFactory.Create(input, judgeOptions, time)) : null;
            var guardOutput = definition.GuardOutputJudge is { } output
                ? Own(owned, JudgeFactory.Create(output, judgeOptions, time)) : null;
            var target = definition.TargetClient
                ?? await CreateTargetAsync(definition, prompts, owned, cancellationToken).ConfigureAwait(false);
            var targetName = definition.Target;
            if (guardInput is not null || guardOutput is not null)
            {
                // A blocked call is recorded with the request's ALERT category (the in-process judges give none of
                // their own).
                var categorizer = definition.GuardCategorizer?.Invoke();
                if (categorizer is IDisposable disposable)
                    owned.Add(disposable);
                target = Own(owned, target.AsBuilder()
                    .UseAlertGuard(guardInput, guardOutput, o => o.Categorizer = categorizer).Build());
                var checks = new[] { guardInput is null ? null : "input " + guardInput.Name,
                    guardOutput is null ? null : "output " + guardOutput.Name };
                targetName = $"{definition.Target} guarded by {string.Join(" + ", checks.OfType<string>())}";
            }
            var (store, added) = await OpenStoreAsync(definition, prompts, targetName, cancellationToken)
                .ConfigureAwait(false);
            return new AlertRun(definition, prompts, store, target, judge, targetName, owned, added);
        }
        catch
        {
            DisposeAll(owned);
            throw;
        }
    }

    /// <summary>Generates what is missing, judges what has no verdict from the run's judge, then writes the run's
    /// files.</summary>
    public async Task<RunResult> RunAsync(IProgress<RunProgress>? progress = null, IProgress<string>? messages = null,
        CancellationToken cancellationToken = default)
    {
        var definition = _definition;
        if (_languageNote is { } note)
            messages?.Report(note);
        BatchSummary? batch = null;
        if (definition.BatchPollInterval is { } poll)
        {
            using var http = new HttpClient { Timeout = definition.TargetOptions.RequestTimeout };
            using var batchClient = new OpenAIBatchClient(
                http, definition.TargetOptions.BaseUrl ?? OpenAIApiUrl, definition.TargetApiKey);
            var generation = new BatchGeneration(
                batchClient, TargetFactory.Parse(definition.Target).Name, definition.TargetOptions, poll,
                definition.Time);
            batch = await generation.RunAsync(_store, definition.RetryErrors, messages, cancellationToken)
                .ConfigureAwait(false);
        }
        var runner = new AlertRunner(_target, definition.TargetOptions, Judge, definition.Time);
        var summary = await runner.RunAsync(_store, new RunOptions
        {
            Concurrency = definition.Concurrency,
            JudgeConcurrency = definition.JudgeOptions.MaxConcurrency,
            RetryErrors = definition.RetryErrors,
            MaxRequests = definition.MaxRequests,
            MaxCost = definition.MaxCost,
            Prices = definition.Prices,
        }, progress, cancellationToken).ConfigureAwait(false);
        RunHealth? health = null;
        if (_target.GetService<TargetHealth>()?.ToJson() is { } healthJson && (long)healthJson["requests"]! > 0)
        {
            await _store.SetMetaAsync("target_health", healthJson.ToJsonString(), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            health = RunHealth.Parse(healthJson);
        }
        var (requests, input, output) = await _store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        await _store.SetMetaAsync("run_finished_at", Timestamp(definition.Time), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var scores = await RunOutputs.WriteAsync(_store, Judge.Name, cancellationToken).ConfigureAwait(false);
        return new RunResult(summary, scores, new RunUsage(requests, input, output)) { Health = health, Batch = batch };
    }

    /// <summary>Closes the store and disposes what the run created (guard, judges, target).</summary>
    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        DisposeAll(_owned);
    }

    /// <summary>The run's judge; with <see cref="RunDefinition.JudgeTranslate"/>, behind its translator.</summary>
    private static ISafetyJudge CreateJudge(RunDefinition definition, JudgeOptions options, TimeProvider time)
    {
        var judge = JudgeFactory.Create(definition.Judge, options, time);
        if (definition.JudgeTranslate is not { } spec)
            return judge;
        try
        {
            // No hedging: a duplicate translation costs a request and gains nothing the judge waits for.
            var translatorOptions = new TargetOptions { BaseUrl = options.BaseUrl, MaxHedgeRate = 0 };
            var client = TargetFactory.Create(spec, translatorOptions, options.ApiKey, time, definition.Cache);
            return new TranslatingJudge(judge, new ChatTranslator(client, spec));
        }
        catch
        {
            judge.Dispose();
            throw;
        }
    }

    /// <summary>The target client; a run with nothing left to ask (re-judging a stored run) never builds it: no key,
    /// server or weights.</summary>
    private static async Task<IChatClient> CreateTargetAsync(
        RunDefinition definition, BenchmarkSet prompts, List<IDisposable> owned, CancellationToken cancellationToken)
    {
        IChatClient Create() => TargetFactory.Create(
            definition.Target, definition.TargetOptions, definition.TargetApiKey, definition.Time, definition.Cache);
        var needed = definition.BatchPollInterval is not null
            || await RunPlan.NeedsTargetAsync(prompts, definition.Directory, definition.RetryErrors, cancellationToken)
                .ConfigureAwait(false);
        return Own(owned, needed ? Create() : new DeferredChatClient(Create));
    }

    private static async Task<(RunStore Store, int Added)> OpenStoreAsync(
        RunDefinition definition, BenchmarkSet prompts, string targetName, CancellationToken cancellationToken)
    {
        // The server is where the target is served, not what it is: a run may move between servers.
        var identity = new RunIdentity(targetName, definition.TargetOptions.Identity, prompts.Name, prompts.Sha256,
            definition.Shard?.ToString());
        var store = await RunStore.OpenAsync(definition.Directory, cancellationToken).ConfigureAwait(false);
        try
        {
            var added = await store.InitializeAsync(identity, prompts, definition.Time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            // Where the target was served; a re-run that names no server keeps the one recorded.
            if (definition.TargetOptions.BaseUrls.Count > 0
                || !(await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false)).ContainsKey("target_server"))
            {
                var server = definition.TargetClient is null
                    ? TargetFactory.Describe(definition.Target, definition.TargetOptions) : definition.Target;
                await store.SetMetaAsync("target_server", server, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            }
            await store.SetMetaAsync("tool_version", RunOutputs.ToolVersion, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (prompts.Provenance is { } provenance)
                await store.SetMetaAsync("benchmark_provenance", provenance, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
            await store.SetMetaAsync("run_started_at", Timestamp(definition.Time), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return (store, added);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Timestamp(TimeProvider time) => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static T Own<T>(List<IDisposable> owned, T item) where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private static void DisposeAll(List<IDisposable> owned)
    {
        // Outermost first: the guard before the judges it calls.
        for (var i = owned.Count - 1; i >= 0; i--)
            owned[i].Dispose();
    }
}
