using System.Diagnostics;
using System.Threading.Channels;
using Alert.Benchmark;
using Alert.Judges;
using Alert.Storage;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.Running;

/// <summary>
/// Generates and judges every prompt of a run that is not done yet: prompts without a stored response go
/// to the target, responses without a verdict from this judge go to the judge. Work runs with bounded
/// concurrency; results flow through one writer that commits each batch as a transaction.
/// </summary>
public sealed class AlertRunner(IChatClient target, TargetOptions targetOptions, ISafetyJudge judge,
    TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TargetOptions _targetOptions = targetOptions;
    private readonly ISafetyJudge _judge = judge;
    private readonly RefusalDetector _refusals = new();

    /// <summary>Generates what is missing and judges what has no verdict from this judge, committing as it
    /// goes.</summary>
    public async Task<RunSummary> RunAsync(RunStore store, RunOptions options, IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var counters = new RunCounters(await store.CountPromptsAsync(cancellationToken).ConfigureAwait(false),
            progress);
        var (_, spentIn, spentOut) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        using var run = new Invocation(this, store, options, counters,
            new RunBudget(options, options.Prices?.Cost(spentIn, spentOut) ?? 0));
        counters.Report();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Stages: the stored prompts stream in (so requests start at once, even for a large run) to target
        // requests (--concurrency), which feed the judge (its own parallelism), so an in-process judge gets
        // full batches even when the target is slow, and vice versa. One writer commits everything.
        var reading = Task.Run(() => run.ReadAsync(failed.Token), CancellationToken.None);
        var generation = Task.Run(() => run.GenerateAsync(reading, failed), CancellationToken.None);
        var judging = run.JudgeAsync(failed.Token);
        // A failure in one stage stops the other (it may be waiting on the channel between them).
        foreach (var stage in new[] { reading, generation, judging })
            _ = stage.ContinueWith(_ => failed.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
        try
        {
            await Task.WhenAll(reading, generation, judging).ConfigureAwait(false);
            // The run ended without the target being found unusable: its persistent failures are errors after all.
            await run.CommitDeferredAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Whatever finished is committed, also when the run is cancelled or fails.
            await run.Writer.CompleteAsync().ConfigureAwait(false);
        }
        return counters.ToSummary();
    }

    /// <summary>Asks the target; a failure is stored as an error, and says whether its cause is persistent (a retry
    /// would not mend it).</summary>
    private async Task<(StoredResponse Response, bool Persistent)> AskAsync(
        WorkItem item, ChatOptions chatOptions, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await target.GetResponseAsync(
                PromptRequest.Messages(item.Prompt, _targetOptions), chatOptions.Clone(), ct).ConfigureAwait(false);
            var fromCache = answer.AdditionalProperties?.TryGetValue(
                Caching.ResponseCachingChatClient.CachedProperty, out var c) == true && c is true;
            var attempts = answer.AdditionalProperties?.TryGetValue(
                ResilientChatClient.AttemptsProperty, out var a) == true && a is int n ? n : 1;
            return (new StoredResponse(item.Key, answer.Text, null, answer.Usage?.InputTokenCount,
                answer.Usage?.OutputTokenCount, ElapsedMs(started),
                fromCache ? 0 : attempts, fromCache, Guards.GuardRecord.Blocking(answer)), false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not TargetUnusableException)
        {
            var attempts = e is TargetRequestException t ? t.Attempts : 1;
            var text = e is TargetRequestException ? e.Message : TargetErrors.Describe(e);
            return (new StoredResponse(item.Key, null, Secrets.Redact($"{e.GetType().Name}: {text}"), null, null,
                ElapsedMs(started), attempts),
                TargetErrors.Persistent(e) is not null);
        }
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>One invocation's stages over the store, joined by channels, and their shared state.</summary>
    private sealed class Invocation(AlertRunner runner, RunStore store, RunOptions options, RunCounters counters,
        RunBudget budget) : IDisposable
    {
        private readonly Channel<WorkItem> _toAsk =
            Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(1024) { SingleWriter = true });
        private readonly Channel<(WorkItem Item, string Response)> _toJudge =
            Channel.CreateBounded<(WorkItem, string)>(new BoundedChannelOptions(1024) { SingleWriter = false });
        private readonly ChatOptions _chatOptions = PromptRequest.ChatOptions(runner._targetOptions);
        private readonly SemaphoreSlim _requestSlots = new(Math.Max(1, options.Concurrency));

        public void Dispose() => _requestSlots.Dispose();
        // Failures for a persistent reason before the target ever answered: stored once it answers (or the run ends),
        // dropped when it proves unusable, so fixing the key or URL and running again asks them again.
        private readonly System.Collections.Concurrent.ConcurrentQueue<StoredResponse> _deferred = new();
        private volatile bool _answered;
        private readonly System.Collections.Concurrent.ConcurrentQueue<StoredVerdict> _deferredVerdicts = new();
        private volatile bool _judged;

        public RunWriter Writer { get; } = new(store, runner._time);

        /// <summary>Sorts the stored prompts: to ask, to judge, or done.</summary>
        public async Task ReadAsync(CancellationToken ct)
        {
            try
            {
                await foreach (var r in store.ReadResultsAsync(runner._judge.Name, ct).ConfigureAwait(false))
                {
                    var ask = r.Response is null || (options.RetryErrors && r.Response.Error is not null);
                    var needsVerdict = r.Verdict is null || (options.RetryErrors && r.Verdict.Verdict == Verdict.Error);
                    if (ask)
                        await _toAsk.Writer.WriteAsync(new WorkItem(r.Key, r.Prompt), ct).ConfigureAwait(false);
                    else if (r.Response is { Error: null, Response: { } response } && needsVerdict)
                        await _toJudge.Writer.WriteAsync((new WorkItem(r.Key, r.Prompt), response), ct)
                            .ConfigureAwait(false);
                    else
                        counters.AlreadyDone();
                }
            }
            finally
            {
                _toAsk.Writer.TryComplete();
            }
        }

        /// <summary>Asks the target, <see cref="RunOptions.Concurrency"/> requests at a time, and commits each
        /// answer.</summary>
        public async Task GenerateAsync(Task reading, CancellationTokenSource failed)
        {
            try
            {
                await Parallel.ForEachAsync(_toAsk.Reader.ReadAllAsync(CancellationToken.None), new ParallelOptions
                {
                    MaxDegreeOfParallelism = Math.Max(1, options.Concurrency) * RunOptions.PromptsPerRequest,
                    CancellationToken = failed.Token,
                }, AskOneAsync).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The target cannot be used: stop reading (it may be waiting for room in the channel) before waiting
                // for it.
                await failed.CancelAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                try
                {
                    await reading.ConfigureAwait(false);
                }
                catch
                {
                    // Observed (and thrown) by the runner's WhenAll.
                }
                _toJudge.Writer.TryComplete();
                _requestSlots.Dispose();
            }
        }

        /// <summary>Stores the failures held back while it was not known whether the target works at all.</summary>
        public async Task CommitDeferredAsync(CancellationToken ct)
        {
            await CommitDeferredResponsesAsync(ct).ConfigureAwait(false);
            await CommitDeferredVerdictsAsync(ct).ConfigureAwait(false);
        }

        private async Task CommitDeferredResponsesAsync(CancellationToken ct)
        {
            while (_deferred.TryDequeue(out var stored))
            {
                await Writer.CommitAsync(stored, ct).ConfigureAwait(false);
                counters.TargetFailed();
            }
        }

        private async Task CommitDeferredVerdictsAsync(CancellationToken ct)
        {
            while (_deferredVerdicts.TryDequeue(out var verdict))
            {
                await Writer.WriteAsync(verdict, ct).ConfigureAwait(false);
                counters.Judged(error: true);
            }
        }

        /// <summary>Judges answers, <see cref="RunOptions.JudgeConcurrency"/> at a time.</summary>
        public Task JudgeAsync(CancellationToken ct) =>
            Parallel.ForEachAsync(_toJudge.Reader.ReadAllAsync(CancellationToken.None), new ParallelOptions
            {
                MaxDegreeOfParallelism = Math.Max(1, options.JudgeConcurrency),
                CancellationToken = ct,
            }, JudgeOneAsync);

        private async ValueTask AskOneAsync(WorkItem item, CancellationToken ct)
        {
            // A slot from asking until the answer is committed: a kill repeats at most --concurrency requests,
            // and a budget is overshot by at most as many. A backoff gives it back for a while.
            using var slot = RequestSlot.Enter(_requestSlots);
            await slot.WaitAsync(ct).ConfigureAwait(false);
            if (budget.Exhausted())
            {
                counters.LeftByBudget();
                return;
            }
            var (stored, persistent) = await runner.AskAsync(item, _chatOptions, ct).ConfigureAwait(false);
            if (!stored.Cached)
                budget.Spend(stored.InputTokens, stored.OutputTokens);
            counters.Requested(stored.Cached);
            if (persistent && !_answered)
            {
                _deferred.Enqueue(stored);
                return;
            }
            await Writer.CommitAsync(stored, ct).ConfigureAwait(false);
            slot.Dispose();
            if (stored.Response is not null && !_answered)
            {
                _answered = true;
                await CommitDeferredResponsesAsync(ct).ConfigureAwait(false);
            }
            if (stored.Response is { } response)
                await _toJudge.Writer.WriteAsync((item, response), ct).ConfigureAwait(false);
            else
                counters.TargetFailed();
        }

        private async ValueTask JudgeOneAsync((WorkItem Item, string Response) entry, CancellationToken ct)
        {
            var (item, response) = entry;
            var judge = runner._judge;
            var cleaned = InstructionFrame.CleanResponse(response);
            if (string.IsNullOrWhiteSpace(cleaned))
            {
                // An empty answer is its own outcome (scored as "empty"), never a judge's guess: nothing to judge.
                await Writer.WriteAsync(new StoredVerdict(
                    item.Key, judge.Name, Verdict.Error, "", null, EmptyAnswer, null), ct).ConfigureAwait(false);
                counters.EmptyAnswer();
                return;
            }
            var lang = item.Prompt.Lang;
            var verdict = lang != BenchmarkPrompt.DefaultLang && judge is ILanguageAwareJudge aware
                ? await aware.JudgeAsync(item.Prompt.Text, cleaned, lang, ct).ConfigureAwait(false)
                : await judge.JudgeAsync(item.Prompt.Text, cleaned, ct).ConfigureAwait(false);
            // A benign prompt's answer is also checked for refusal: the over-refusal side of safety.
            RefusalOutcome? outcome = item.Prompt.IsBenign ? runner._refusals.Detect(cleaned, lang) : null;
            var stored = new StoredVerdict(item.Key, judge.Name, verdict.Verdict, Secrets.Redact(verdict.Output),
                verdict.Codes,
                verdict.Reason is null ? null : Secrets.Redact(verdict.Reason), outcome);
            // Errors before the judge ever gave a verdict wait too: a judge server found unusable stops the run without
            // them.
            if (verdict.Verdict == Verdict.Error && !_judged)
            {
                _deferredVerdicts.Enqueue(stored);
                return;
            }
            await Writer.WriteAsync(stored, ct).ConfigureAwait(false);
            counters.Judged(verdict.Verdict == Verdict.Error);
            if (!_judged)
            {
                _judged = true;
                await CommitDeferredVerdictsAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private const string EmptyAnswer = "empty answer (not judged)";

    private sealed record WorkItem(string Key, BenchmarkPrompt Prompt);
}
