using Alert.Benchmark;
using Alert.Caching;
using Alert.Classification;
using Alert.Judges;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.Running;

/// <summary>
/// Everything a run is made of, with its defaults in one place: the target, the judge, an optional guard in
/// front of the target, the prompts, budgets and where the run lives. <see cref="AlertRun"/> composes it;
/// the same definition always makes the same run (and resumes it).
/// </summary>
public sealed record RunDefinition
{
    /// <summary>The run directory (its state is <c>run.db</c>; opening it again resumes).</summary>
    public required string Directory { get; init; }

    /// <summary>The target spec <c>PROVIDER:MODEL</c>, or the target's name when <see cref="TargetClient"/> is
    /// given.</summary>
    public required string Target { get; init; }

    /// <summary>A ready-made target client used instead of creating one from <see cref="Target"/> (the run does not
    /// dispose it).</summary>
    public IChatClient? TargetClient { get; init; }

    /// <summary>How prompts are sent (servers, decoding, timeouts, retries, hedging).</summary>
    public TargetOptions TargetOptions { get; init; } = TargetOptions.Default;

    /// <summary>The target server's key; used for requests only, never stored.</summary>
    public string? TargetApiKey { get; init; }

    /// <summary>The prompts; null is the built-in benchmark (with <see cref="IncludeBenign"/>).</summary>
    public BenchmarkSet? Benchmark { get; init; }

    /// <summary>With the built-in benchmark, add its benign look-alikes (answers checked for over-refusal).</summary>
    public bool IncludeBenign { get; init; }

    /// <summary>Run at most this many prompts, taking categories in turn.</summary>
    public int? PromptLimit { get; init; }

    /// <summary>Run only this shard of the prompts (a deterministic split by prompt id), recorded in the run.</summary>
    public RunShard? Shard { get; init; }

    /// <summary>The judge spec (<see cref="JudgeFactory"/>).</summary>
    public string Judge { get; init; } = JudgeFactory.DefaultSpec;

    /// <summary>
    /// Options for the run's judge and the guard's judges (<see cref="JudgeOptions.MaxConcurrency"/> is also the
    /// judgments in flight at once); the run sets their cache to <see cref="Cache"/>.
    /// </summary>
    public JudgeOptions JudgeOptions { get; init; } = new();

    /// <summary>
    /// The guard's output check, a judge spec; <c>embedded</c> means <c>embedded:moderation</c> (the red-team judge
    /// reads every request as harmful and would block compliant answers to everyday requests). Null: no guard.
    /// </summary>
    public string? GuardOutput { get; init; }

    /// <summary>The guard's input check, a judge spec or <c>none</c>; null is prompt-guard when a guard output is
    /// given.</summary>
    public string? GuardInput { get; init; }

    /// <summary>
    /// Names the ALERT category of a call the guard blocked when its judge gives none (the in-process judges say
    /// only safe or unsafe), e.g. the taxonomy classifier of Alert.Onnx; created only for a guarded run, disposed with
    /// it.
    /// </summary>
    public Func<ICategoryClassifier>? GuardCategorizer { get; init; }

    /// <summary>The shared answer cache for the target and model judges (owned by the caller); null: none.</summary>
    public ResponseCache? Cache { get; init; }

    /// <summary>Ask again for prompts whose request failed, and re-judge judge errors.</summary>
    public bool RetryErrors { get; init; }

    /// <summary>Send at most this many requests in this invocation, then stop cleanly.</summary>
    public long? MaxRequests { get; init; }

    /// <summary>Stop sending once the run's recorded usage costs this much (needs <see cref="Prices"/>).</summary>
    public double? MaxCost { get; init; }

    /// <summary>Prices per million tokens, for <see cref="MaxCost"/>.</summary>
    public TokenPrices? Prices { get; init; }

    /// <summary>Generate through the provider's Batch API (openai: targets), polling at this interval; null: one
    /// request per prompt.</summary>
    public TimeSpan? BatchPollInterval { get; init; }

    /// <summary>
    /// A chat model (target spec) that translates answers to prompts in other languages into English before the judge
    /// (<see cref="Judges.TranslatingJudge"/>), served at the judge's server; null: answers are judged as they are.
    /// </summary>
    public string? JudgeTranslate { get; init; }

    /// <summary>The clock (tests pass their own).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The guard output spec as the guard uses it (<see cref="GuardOutput"/>).</summary>
    public string? GuardOutputJudge => GuardOutput == JudgeFactory.DefaultSpec ? JudgeFactory.ModerationSpec
        : GuardOutput;

    /// <summary>The guard input spec as the guard uses it (<see cref="GuardInput"/>), null for none.</summary>
    public string? GuardInputJudge => GuardInput switch
    {
        "none" => null,
        { } spec => spec,
        null when GuardOutput is not null => JudgeFactory.PromptGuardSpec,
        _ => null,
    };

    /// <summary>Requests in flight for the run: the per-server limit times the servers, so every server's slots stay
    /// busy.</summary>
    public int Concurrency => TargetOptions.MaxConcurrency * Math.Max(1, TargetOptions.BaseUrls.Count);

    /// <summary>The prompts of this run: the benchmark, limited, then sharded.</summary>
    public async Task<BenchmarkSet> LoadPromptsAsync(CancellationToken cancellationToken = default)
    {
        var benchmark = Benchmark ?? await BenchmarkSet.LoadBuiltInAsync(IncludeBenign, cancellationToken)
            .ConfigureAwait(false);
        if (PromptLimit is { } limit)
            benchmark = benchmark.Take(limit);
        return Shard is { } shard ? benchmark.Shard(shard.Index, shard.Count) : benchmark;
    }
}
