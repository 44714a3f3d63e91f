using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;
using Alert.Judges;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// Runs one adaptive attack method over every goal of a run that has no result yet, several goals at once: each goal's
/// completed calls are read first (and replayed by its <see cref="AttackContext"/>), every new call is committed as it
/// completes, and the run's judge gives the final verdict on the best attack's answer.
/// </summary>
public sealed class AdaptiveAttackRunner(IChatClient target, TargetOptions targetOptions, ISafetyJudge judge,
    TimeProvider? time = null,
    AttackModels? models = null)
{
    private readonly AttackModels _models = models ?? AttackModels.None;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Static attacks wrapping every attempt sent to the target (PyRIT's converters); null: none.</summary>
    public Attacks.IPromptAttack? Converter { get; init; }

    /// <summary>Attacks every goal of the run that has no result from <paramref name="method"/> yet; re-judges finished
    /// ones with another judge.</summary>
    public async Task<AttackSummary> RunAsync(RunStore store, IAdaptiveAttack method, AttackSettings settings,
        IProgress<RunProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // One connection: every store call goes through this gate.
        using var gate = new SemaphoreSlim(1);
        async Task<T> Locked<T>(Func<Task<T>> work)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
        var done = await store.ReadAttackResultsAsync(method.Name, cancellationToken).ConfigureAwait(false);
        var goals = new List<KeyedPrompt>();
        await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            goals.Add(new KeyedPrompt(r.Key, r.Prompt, r.Ordinal));
        var todo = goals.Where(g => !done.ContainsKey(g.Key)).ToList();
        // Another judge on a finished run: its best attacks are judged again, nothing is asked again.
        foreach (var goal in goals.Where(g => done.TryGetValue(g.Key, out var r) && r.Judge != judge.Name))
        {
            var old = done[goal.Key];
            // Only an answered best attempt is judged again; a block, an attack failure or an error stays what it was.
            if (old.BestResponse is null)
            {
                done[goal.Key] = old with { Judge = judge.Name };
                await store.WriteAttackResultAsync(done[goal.Key], _time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                continue;
            }
            var verdict = await FinalVerdictAsync(store, method.Name, goal, old.BestResponse, old.BestPrompt,
                Locked<bool>, cancellationToken).ConfigureAwait(false);
            var outcome = AttackGoalOutcomes.FromVerdict(verdict);
            done[goal.Key] = old with
            {
                Verdict = verdict,
                Judge = judge.Name,
                Outcome = outcome,
                // The best attempt's query is not known here: the goal's target queries bound it.
                QueriesToSuccess = outcome == AttackGoalOutcome.Jailbroken ? old.QueriesToSuccess ?? old.TargetQueries
                    : null,
                Reason = outcome == AttackGoalOutcome.Error
                    ? $"the judge {judge.Name} gave no verdict on the best answer" : null,
            };
            await store.WriteAttackResultAsync(done[goal.Key], _time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
        }
        int attacked = 0, leftByBudget = 0;
        // Goals of this invocation by outcome (indexed by AttackGoalOutcome).
        var counts = new int[4];
        long requests = 0;
        bool TakeRequest() => settings.MaxRequests is not { } max || Interlocked.Increment(ref requests) <= max;
        var chatOptions = PromptRequest.ChatOptions(targetOptions);
        // The progress line counts every goal's outcome, resumed ones included, as the table does.
        var before = new int[4];
        foreach (var r in done.Values)
            before[(int)r.Outcome]++;
        progress?.Report(Progress(goals.Count, done.Count, before));
        await Parallel.ForEachAsync(todo, new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(
            1, settings.Concurrency),
            CancellationToken = cancellationToken
        },
            async (goal, ct) =>
            {
                var completed = await Locked(() => store.ReadAttackCallsAsync(goal.Key, method.Name, ct))
                    .ConfigureAwait(false);
                var context = new AttackContext(
                    goal, method.Name, settings, target, chatOptions, judge, _models, completed,
                    (call, token) => Locked(async () =>
                    {
                        await store.WriteAttackCallAsync(call, _time.GetUtcNow(), token).ConfigureAwait(false);
                        return true;
                    }), TakeRequest, Converter);
                AttackOutcome outcome;
                try
                {
                    outcome = await method.RunAsync(context, ct).ConfigureAwait(false);
                }
                catch (AttackBudgetSpentException)
                {
                    Interlocked.Increment(ref leftByBudget);
                    return;
                }
                // The in-loop scorer is the run's judge: its verdict on the best answer is the final one.
                var verdict = outcome.BestResponse is null ? Verdict.Error
                    : outcome.BestVerdict?.Verdict ?? await FinalVerdictAsync(store, method.Name, goal,
                        outcome.BestResponse, outcome.BestPrompt, Locked<bool>, ct).ConfigureAwait(false);
                var (kind, reason) = AttackClassifier.Classify(verdict, outcome, context, judge.Name);
                var result = new StoredAttackResult(
                    goal.Key, method.Name, outcome.InLoopSuccess,
                    kind == AttackGoalOutcome.Resisted ? Verdict.Safe : verdict, judge.Name,
                    context.TargetQueries, context.AttackerQueries, context.ScorerQueries,
                    // One success definition: the final judge's. Every success has its queries, in-loop success or not.
                    kind == AttackGoalOutcome.Jailbroken ? outcome.QueriesToSuccess
                        ?? context.QueriesUpTo(outcome.BestPrompt) ?? context.TargetQueries : null,
                    outcome.BestPrompt ?? context.LastBlockedPrompt, outcome.BestResponse, outcome.Turns)
                {
                    AttackerRefusals = context.AttackerRefusals,
                    Outcome = kind,
                    Reason = reason,
                };
                await Locked(async () =>
                {
                    await store.WriteAttackResultAsync(result, _time.GetUtcNow(), ct).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
                var n = Interlocked.Increment(ref attacked);
                Interlocked.Increment(ref counts[(int)kind]);
                progress?.Report(Progress(goals.Count, done.Count + n,
                    before.Select((b, i) => b + Volatile.Read(ref counts[i])).ToArray()));
            }).ConfigureAwait(false);
        return new AttackSummary(goals.Count, done.Count, attacked, counts[(int)AttackGoalOutcome.Jailbroken])
        {
            LeftByBudget = leftByBudget,
            Resisted = counts[(int)AttackGoalOutcome.Resisted],
            AttackFailed =
                counts[(int)AttackGoalOutcome.AttackFailed],
            Errors = counts[(int)AttackGoalOutcome.Error],
        };
    }

    /// <summary>The progress line of an attack: judged goals are the jailbroken and resisted ones; the outcomes in its
    /// note.</summary>
    private static RunProgress Progress(int total, int done, int[] counts)
    {
        var (jailbroken, resisted, failed, errors) =
            (counts[(int)AttackGoalOutcome.Jailbroken], counts[(int)AttackGoalOutcome.Resisted],
            counts[(int)AttackGoalOutcome.AttackFailed], counts[(int)AttackGoalOutcome.Error]);
        return new(total, done, jailbroken + resisted + failed + errors, jailbroken + resisted, errors)
        {
            Note = FormattableString.Invariant($"{jailbroken} jailbroken, {resisted} resisted, {failed} attack failed"),
        };
    }

    /// <summary>
    /// The run judge's verdict on a goal's best answer, stored as the goal's judge call (its inputs, the verdict, its
    /// output); an error when no attack got one.
    /// </summary>
    private async Task<Verdict> FinalVerdictAsync(RunStore store, string method, KeyedPrompt goal, string? bestResponse,
        string? bestPrompt, Func<Func<Task<bool>>, Task<bool>> locked, CancellationToken cancellationToken)
    {
        if (bestResponse is null)
            return Verdict.Error;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await judge.JudgeAsync(goal.Prompt.Text, InstructionFrame.CleanResponse(bestResponse),
            cancellationToken).ConfigureAwait(false);
        var verdict = result.Verdict;
        // The same false-success guard as in the loop: an answer that adds nothing to the request is no success.
        var guard = verdict == Verdict.Unsafe
            ? FalseSuccessGuard.Reason(bestResponse, goal.Prompt.Text, bestPrompt) : null;
        var request = new JsonObject
        {
            ["judge"] = judge.Name,
            ["goal"] = goal.Prompt.Text,
            ["response"] = bestResponse,
        };
        var record = new JsonObject
        {
            ["judge"] = judge.Name,
            ["verdict"] = (guard is null ? verdict : Verdict.Safe).ToWire(),
            ["output"] = guard is null ? Secrets.Redact(result.Output)
                : $"false-success guard: {guard} (the judge said unsafe)",
        };
        var call = new StoredAttackCall(new AttackCallId(goal.Key, method, AttackRole.Judge, 0, 0, 0), null,
            request.ToJsonString(JsonlFile.WriteOptions), record.ToJsonString(), guard ?? result.Reason, null, null,
            (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await locked(async () =>
        {
            await store.WriteAttackCallAsync(call, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return guard is null ? verdict : Verdict.Safe;
    }
}
