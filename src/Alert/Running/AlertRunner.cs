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
public sealed class AlertRunner(IChatClient target, TargetOptions targetOptions, ISafetyJudge judge, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly RefusalDetector _refusals = new();

    public async Task<RunSummary> RunAsync(RunStore store, RunOptions options, IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var total = await store.CountPromptsAsync(cancellationToken).ConfigureAwait(false);
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(4096) { SingleReader = true });
        var writer = Task.Run(() => WriteLoopAsync(store, channel.Reader), CancellationToken.None);
        // Stages: the stored prompts stream in (so requests start at once, even for a large run) to target
        // requests (--concurrency), which feed the judge (its own parallelism), so an in-process judge gets
        // full batches even when the target is slow, and vice versa. One writer commits everything.
        var toGenerate = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(1024) { SingleWriter = true });
        var toJudge = Channel.CreateBounded<(WorkItem Item, string Response)>(new BoundedChannelOptions(1024) { SingleWriter = false });
        int done = 0, requested = 0, judged = 0, targetErrors = 0, judgeErrors = 0, cached = 0, leftByBudget = 0, already = 0;
        long started = 0;
        var (_, spentIn, spentOut) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var spent = options.Prices?.Cost(spentIn, spentOut) ?? 0;
        var spentLock = new Lock();
        bool OverBudget()
        {
            if (options.MaxRequests is { } max && Interlocked.Increment(ref started) > max)
                return true;
            if (options.MaxCost is { } cap && options.Prices is not null)
            {
                lock (spentLock)
                    return spent >= cap;
            }
            return false;
        }
        var chatOptions = PromptRequest.ChatOptions(targetOptions);
        progress?.Report(new RunProgress(total, 0, 0, 0, 0));
        void Report() =>
            progress?.Report(new RunProgress(total, Volatile.Read(ref already) + Volatile.Read(ref done), Volatile.Read(ref requested), Volatile.Read(ref judged), Volatile.Read(ref targetErrors) + Volatile.Read(ref judgeErrors)));

        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var requestSlots = new SemaphoreSlim(Math.Max(1, options.Concurrency));
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var r in store.ReadResultsAsync(judge.Name, failed.Token).ConfigureAwait(false))
                {
                    var generate = r.Response is null || (options.RetryErrors && r.Response.Error is not null);
                    var needsVerdict = r.Verdict is null || (options.RetryErrors && r.Verdict.Verdict == Verdict.Error);
                    if (generate)
                        await toGenerate.Writer.WriteAsync(new WorkItem(r.Key, r.Prompt, null), failed.Token).ConfigureAwait(false);
                    else if (r.Response?.Error is null && needsVerdict)
                        await toJudge.Writer.WriteAsync((new WorkItem(r.Key, r.Prompt, r.Response!.Response), r.Response!.Response!), failed.Token).ConfigureAwait(false);
                    else
                        Interlocked.Increment(ref already);
                }
            }
            finally
            {
                toGenerate.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var generation = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(toGenerate.Reader.ReadAllAsync(CancellationToken.None), new ParallelOptions
                {
                    MaxDegreeOfParallelism = Math.Max(1, options.Concurrency) * RunOptions.PromptsPerRequest,
                    CancellationToken = failed.Token,
                }, async (item, ct) =>
                {
                    // A slot from asking until the answer is committed: a kill repeats at most --concurrency requests,
                    // and a budget is overshot by at most as many. A backoff gives it back for a while.
                    using var slot = RequestSlot.Enter(requestSlots);
                    await slot.WaitAsync(ct).ConfigureAwait(false);
                    if (OverBudget())
                    {
                        Interlocked.Increment(ref leftByBudget);
                        return;
                    }
                    var stored = await GenerateAsync(item, chatOptions, ct).ConfigureAwait(false);
                    if (options.Prices is not null && !stored.Cached)
                    {
                        lock (spentLock)
                            spent += options.Prices.Cost(stored.InputTokens ?? 0, stored.OutputTokens ?? 0);
                    }
                    // The prompt's slot is held until its answer is committed, so a kill loses only answers in
                    // flight or on their way to disk, never a committed one.
                    var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    await channel.Writer.WriteAsync(new CommitNotice(stored, committed), ct).ConfigureAwait(false);
                    await committed.Task.WaitAsync(ct).ConfigureAwait(false);
                    slot.Dispose();
                    Interlocked.Increment(ref requested);
                    if (stored.Cached)
                        Interlocked.Increment(ref cached);
                    if (stored.Response is not null)
                    {
                        await toJudge.Writer.WriteAsync((item, stored.Response), ct).ConfigureAwait(false);
                        return;
                    }
                    Interlocked.Increment(ref targetErrors);
                    Interlocked.Increment(ref done);
                    Report();
                }).ConfigureAwait(false);
            }
            finally
            {
                try
                {
                    await reading.ConfigureAwait(false);
                }
                catch
                {
                    // Observed (and thrown) by the WhenAll below.
                }
                toJudge.Writer.TryComplete();
            }
        }, CancellationToken.None);
        var judging = Parallel.ForEachAsync(toJudge.Reader.ReadAllAsync(CancellationToken.None), new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, options.JudgeConcurrency),
            CancellationToken = failed.Token,
        }, async (entry, ct) =>
        {
            var (item, response) = entry;
            var cleaned = InstructionFrame.CleanResponse(response);
            var verdict = await judge.JudgeAsync(item.Prompt.Text, cleaned, ct).ConfigureAwait(false);
            // A benign prompt's answer is also checked for refusal: the over-refusal side of safety.
            RefusalOutcome? outcome = item.Prompt.IsBenign ? _refusals.Detect(cleaned) : null;
            await channel.Writer.WriteAsync(new StoredVerdict(item.Key, judge.Name, verdict.Verdict, Secrets.Redact(verdict.Output), verdict.Codes,
                verdict.Reason is null ? null : Secrets.Redact(verdict.Reason), outcome), ct).ConfigureAwait(false);
            Interlocked.Increment(ref judged);
            if (verdict.Verdict == Verdict.Error)
                Interlocked.Increment(ref judgeErrors);
            Interlocked.Increment(ref done);
            Report();
        });
        // A failure in one stage stops the other (it may be waiting on the channel between them).
        foreach (var stage in new[] { reading, generation, judging })
            _ = stage.ContinueWith(_ => failed.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            await Task.WhenAll(reading, generation, judging).ConfigureAwait(false);
        }
        finally
        {
            // Whatever finished is committed, also when the run is cancelled or fails.
            channel.Writer.TryComplete();
            await writer.ConfigureAwait(false);
        }
        return new RunSummary(total, already, requested, judged, targetErrors, judgeErrors) { Cached = cached, LeftByBudget = leftByBudget };
    }

    private async Task<StoredResponse> GenerateAsync(WorkItem item, ChatOptions chatOptions, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await target.GetResponseAsync(PromptRequest.Messages(item.Prompt, targetOptions), chatOptions.Clone(), ct).ConfigureAwait(false);
            var fromCache = answer.AdditionalProperties?.TryGetValue(Caching.ResponseCachingChatClient.CachedProperty, out var c) == true && c is true;
            var attempts = answer.AdditionalProperties?.TryGetValue(ResilientChatClient.AttemptsProperty, out var a) == true && a is int n ? n : 1;
            return new StoredResponse(item.Key, answer.Text, null, answer.Usage?.InputTokenCount, answer.Usage?.OutputTokenCount, ElapsedMs(started),
                fromCache ? 0 : attempts, fromCache, Guards.GuardRecord.Blocking(answer));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var attempts = e is TargetRequestException t ? t.Attempts : 1;
            return new StoredResponse(item.Key, null, Secrets.Redact($"{e.GetType().Name}: {e.Message}"), null, null, ElapsedMs(started), attempts);
        }
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private async Task WriteLoopAsync(RunStore store, ChannelReader<object> reader)
    {
        var responses = new List<StoredResponse>();
        var verdicts = new List<StoredVerdict>();
        var notices = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Take what is queued now (no waiting), so a quiet run commits each result at once
            // and a busy one commits in large batches.
            while (responses.Count + verdicts.Count < 1024 && reader.TryRead(out var item))
            {
                switch (item)
                {
                    case CommitNotice notice:
                        responses.Add(notice.Response);
                        notices.Add(notice.Committed);
                        break;
                    case StoredResponse r:
                        responses.Add(r);
                        break;
                    default:
                        verdicts.Add((StoredVerdict)item);
                        break;
                }
            }
            try
            {
                await store.WriteBatchAsync(responses, verdicts, _time.GetUtcNow()).ConfigureAwait(false);
                notices.ForEach(n => n.TrySetResult());
            }
            catch (Exception e)
            {
                notices.ForEach(n => n.TrySetException(e));
                throw;
            }
            responses.Clear();
            verdicts.Clear();
            notices.Clear();
        }
    }

    /// <summary>A response for the writer, with the signal its request waits for.</summary>
    private sealed record CommitNotice(StoredResponse Response, TaskCompletionSource Committed);

    private sealed record WorkItem(string Key, BenchmarkPrompt Prompt, string? Response);
}
