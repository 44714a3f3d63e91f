using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Judges;
using Alert.Storage;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// What a method attacks one goal with: the goal, the caps, and the calls. Each call is looked up among the goal's
/// completed calls first (a resumed run replays them), else made, committed and counted; the target cap is enforced
/// here, so no server sees more calls than the caps.
/// </summary>
public sealed class AttackContext
{
    private readonly string _method;
    private readonly IChatClient _target;
    private readonly ChatOptions _targetOptions;
    private readonly ISafetyJudge _judge;
    private readonly AttackModels _models;
    private readonly IReadOnlyDictionary<AttackCallId, StoredAttackCall> _completed;
    private readonly Func<StoredAttackCall, CancellationToken, Task> _commit;
    private int _targetQueries, _scorerQueries, _attackerQueries, _attackerRefusals, _blocked, _targetFailures, _attackerUnusable, _offTopic;
    private string? _lastTargetError, _lastAttackerError, _lastBlockedPrompt, _lastSent;
    private static readonly RefusalDetector Refusals = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _sentAt = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _parents = new();
    private readonly Func<bool> _takeRequest;

    internal AttackContext(KeyedPrompt goal, string method, AttackSettings settings, IChatClient target, ChatOptions targetOptions, ISafetyJudge judge,
        AttackModels models, IReadOnlyDictionary<AttackCallId, StoredAttackCall> completed, Func<StoredAttackCall, CancellationToken, Task> commit,
        Func<bool>? takeRequest = null)
    {
        _takeRequest = takeRequest ?? (() => true);
        Goal = goal;
        Settings = settings;
        _method = method;
        _target = target;
        _targetOptions = targetOptions;
        _judge = judge;
        _models = models;
        _completed = completed;
        _commit = commit;
    }

    /// <summary>The request to get answered, with its ALERT category.</summary>
    public KeyedPrompt Goal { get; }

    /// <summary>The request's text, without the instruction frame.</summary>
    public string GoalText => Goal.Prompt.Text;

    /// <summary>The run's caps and knobs.</summary>
    public AttackSettings Settings { get; }

    /// <summary>Target calls this goal has made (replayed ones included).</summary>
    public int TargetQueries => Volatile.Read(ref _targetQueries);

    /// <summary>Scorer calls this goal has made.</summary>
    public int ScorerQueries => Volatile.Read(ref _scorerQueries);

    /// <summary>Attacker calls this goal has made.</summary>
    public int AttackerQueries => Volatile.Read(ref _attackerQueries);

    /// <summary>Attacker answers that were refusals (detected by the methods, recorded with the run's result).</summary>
    public int AttackerRefusals => Volatile.Read(ref _attackerRefusals);

    /// <summary>Notes that the attacker refused instead of writing an attack.</summary>
    public void NoteAttackerRefusal() => Interlocked.Increment(ref _attackerRefusals);

    /// <summary>Target calls a content filter blocked (each a resisted attempt, score 0).</summary>
    internal int BlockedQueries => Volatile.Read(ref _blocked);

    /// <summary>Target calls that failed for another reason (infrastructure).</summary>
    internal int FailedTargetQueries => Volatile.Read(ref _targetFailures);

    /// <summary>Attacker calls that gave no usable attack (no JSON, an error, or the cap spent).</summary>
    internal int UnusableAttackerAnswers => Volatile.Read(ref _attackerUnusable);

    /// <summary>Children the on-topic check pruned (TAP).</summary>
    internal int OffTopicPruned => Volatile.Read(ref _offTopic);

    /// <summary>Notes children pruned as off-topic.</summary>
    internal void NoteOffTopic(int count) => Interlocked.Add(ref _offTopic, count);

    /// <summary>The last target error that was not a content filter's block.</summary>
    internal string? LastTargetError => Volatile.Read(ref _lastTargetError);

    /// <summary>The last attacker error.</summary>
    internal string? LastAttackerError => Volatile.Read(ref _lastAttackerError);

    /// <summary>The last prompt a content filter blocked.</summary>
    internal string? LastBlockedPrompt => Volatile.Read(ref _lastBlockedPrompt);

    /// <summary>
    /// The attacker's next attack, read from its JSON answer (<paramref name="key"/>, e.g. <c>prompt</c>): an answer
    /// without usable JSON, or whose attack is a refusal ("I'm sorry, I can't help create prompts like that"), is
    /// regenerated up to <see cref="AttackSettings.AttackerRetries"/> times and never reaches the target; null when none came.
    /// </summary>
    public async Task<(string? Attack, string? Answer)> ProposeAsync(int stream, int node, int turn, IReadOnlyList<ChatMessage> messages, string key, string note,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Settings.AttackerRetries && AttackerQueriesLeft > 0; attempt++)
        {
            var reply = await AskAttackerAsync(stream, node, turn, attempt, messages, cancellationToken).ConfigureAwait(false);
            if (reply.Text is { } text && AttackerJson.TryParse(text, key, note, out var attack, out _))
            {
                if (!IsAttackerRefusal(attack))
                    return (attack, text);
                NoteAttackerRefusal();
            }
            else if (reply.Text is { } refused && Refusals.Detect(refused) == RefusalOutcome.Refused)
                NoteAttackerRefusal();
            else
            {
                Interlocked.Increment(ref _attackerUnusable);
                if (reply.Error is { } error)
                    Volatile.Write(ref _lastAttackerError, error);
            }
        }
        return (null, null);
    }

    /// <summary>Whether an attack the attacker wrote is its own refusal rather than an attack.</summary>
    internal static bool IsAttackerRefusal(string attack) => Refusals.Detect(attack) == RefusalOutcome.Refused;

    /// <summary>Records that <paramref name="node"/> grew from <paramref name="parent"/> (tree searches): its calls carry the parent.</summary>
    public void LinkNode(int node, int parent) => _parents[node] = parent;

    /// <summary>Whether an in-loop scorer was given (<see cref="RateAsync"/>).</summary>
    public bool HasScorer => _models.Scorer is not null;

    /// <summary>Attacker calls left under <see cref="AttackSettings.AttackerCap"/>.</summary>
    public int AttackerQueriesLeft => Settings.AttackerCap - AttackerQueries;

    /// <summary>Target calls left under <see cref="AttackSettings.MaxTargetQueries"/>.</summary>
    public int TargetQueriesLeft => Settings.MaxTargetQueries - TargetQueries;

    /// <summary>Asks the target (a conversation of user and assistant turns) at a place in the search.</summary>
    public async Task<AttackReply> AskTargetAsync(int stream, int node, int turn, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        // Reserved atomically: streams of one goal may ask at once, and the cap holds.
        var ordinal = Interlocked.Increment(ref _targetQueries);
        if (ordinal > Settings.MaxTargetQueries)
        {
            Interlocked.Decrement(ref _targetQueries);
            throw new InvalidOperationException($"{_method}: the target cap of {Settings.MaxTargetQueries} queries is spent");
        }
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Target, stream, node, turn);
        if (_completed.TryGetValue(id, out var done))
            return Counted(new AttackReply(done.Response, done.Error), messages, ordinal);
        // A replayed call is free; a new one takes from the invocation's budget.
        if (!_takeRequest())
            throw new AttackBudgetSpentException();
        return Counted(await CallAsync(id, _target, messages, _targetOptions, cancellationToken).ConfigureAwait(false), messages, ordinal);
    }

    /// <summary>Target queries up to and including the first that sent <paramref name="prompt"/> (its last user turn); null if none did.</summary>
    internal int? QueriesUpTo(string? prompt) => prompt is not null && _sentAt.TryGetValue(prompt, out var n) ? n : null;

    /// <summary>Counts a target reply that is a block or a failure, and notes when its prompt was first sent.</summary>
    private AttackReply Counted(AttackReply reply, IReadOnlyList<ChatMessage> messages, int ordinal)
    {
        if (messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text is { } sent)
        {
            _sentAt.AddOrUpdate(sent, ordinal, (_, first) => Math.Min(first, ordinal));
            Volatile.Write(ref _lastSent, sent);
        }
        if (reply.Text is not null)
            return reply;
        if (reply.Blocked)
        {
            Interlocked.Increment(ref _blocked);
            Volatile.Write(ref _lastBlockedPrompt, messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text);
        }
        else
        {
            Interlocked.Increment(ref _targetFailures);
            Volatile.Write(ref _lastTargetError, reply.Error);
        }
        return reply;
    }

    /// <summary>Asks the attacker model; <paramref name="attempt"/> numbers regenerations of one step.</summary>
    public async Task<AttackReply> AskAttackerAsync(int stream, int node, int turn, int attempt, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var attacker = _models.Attacker ?? throw new InvalidOperationException($"{_method} needs an attacker model");
        if (Interlocked.Increment(ref _attackerQueries) > Settings.AttackerCap)
        {
            // Another stream took the last one: no call, as if the attacker had nothing to say.
            Interlocked.Decrement(ref _attackerQueries);
            return new AttackReply(null, "the attacker cap is spent");
        }
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Attacker, stream, node, turn, attempt);
        if (_completed.TryGetValue(id, out var done))
            return new AttackReply(done.Response, done.Error);
        return await CallAsync(id, attacker, messages, new ChatOptions { Temperature = 1, MaxOutputTokens = 1024 }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Has the in-loop scorer rate an answer to a prompt (null rating: unknown).</summary>
    public async Task<AttackRating> RateAsync(int stream, int node, int turn, string prompt, string response, CancellationToken cancellationToken)
    {
        var scorer = _models.Scorer ?? throw new InvalidOperationException($"{_method} needs an in-loop scorer");
        // A scorer that fails gives no rating: unknown, like an answer without a marker.
        var record = await ScoreAsync(new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn), async () =>
        {
            var rating = await scorer.RateAsync(GoalText, prompt, response, cancellationToken).ConfigureAwait(false);
            return (new JsonObject { ["scorer"] = scorer.Name, ["rating"] = rating.Rating, ["output"] = Secrets.Redact(rating.Output) }, null);
        }, new JsonObject { ["scorer"] = scorer.Name, ["rating"] = null, ["output"] = "" }, cancellationToken).ConfigureAwait(false);
        return new AttackRating((int?)record["rating"], (string?)record["output"] ?? "");
    }

    /// <summary>TAP's on-topic check by the scorer (recorded as a scorer call, attempt 1); null when it cannot say.</summary>
    public async Task<bool?> IsOnTopicAsync(int stream, int node, int turn, string prompt, CancellationToken cancellationToken)
    {
        var scorer = _models.Scorer ?? throw new InvalidOperationException($"{_method} needs an in-loop scorer");
        var record = await ScoreAsync(new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn, Attempt: 1), async () =>
        {
            var onTopic = await scorer.IsOnTopicAsync(GoalText, prompt, cancellationToken).ConfigureAwait(false);
            return (new JsonObject { ["scorer"] = scorer.Name, ["on_topic"] = onTopic }, null);
        }, new JsonObject { ["scorer"] = scorer.Name, ["on_topic"] = null }, cancellationToken).ConfigureAwait(false);
        return (bool?)record["on_topic"];
    }

    /// <summary>
    /// A scorer or judge call, recorded as a JSON object: the completed one when the goal is resumed, else
    /// <paramref name="score"/>'s (its note goes to the call's error column), or <paramref name="onFailure"/> when it throws.
    /// </summary>
    private async Task<JsonObject> ScoreAsync(AttackCallId id, Func<Task<(JsonObject Record, string? Note)>> score, JsonObject onFailure, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _scorerQueries);
        if (_completed.TryGetValue(id, out var done) && done.Response is { } stored && JsonNode.Parse(stored) is JsonObject replayed)
            return replayed;
        var started = Stopwatch.GetTimestamp();
        JsonObject record;
        string? note;
        try
        {
            (record, note) = await score().ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not Targets.TargetUnusableException)
        {
            (record, note) = (onFailure, Secrets.Redact($"{e.GetType().Name}: {e.Message}"));
        }
        await _commit(new StoredAttackCall(id, Parent(id), "", record.ToJsonString(), note, null, null, Elapsed(started)), cancellationToken).ConfigureAwait(false);
        return record;
    }

    private async Task<AttackReply> CallAsync(AttackCallId id, IChatClient client, IReadOnlyList<ChatMessage> messages, ChatOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        StoredAttackCall call;
        try
        {
            var answer = await client.GetResponseAsync(messages, options.Clone(), cancellationToken).ConfigureAwait(false);
            // An answer the server's filter cut to nothing is a block, recorded as one (a replay reads it the same).
            var blocked = answer.FinishReason == ChatFinishReason.ContentFilter && string.IsNullOrEmpty(answer.Text);
            call = new StoredAttackCall(id, Parent(id), Serialize(messages), blocked ? null : answer.Text, blocked ? ContentFilterBlock.FinishedError : null,
                answer.Usage?.InputTokenCount, answer.Usage?.OutputTokenCount, Elapsed(started));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not Targets.TargetUnusableException)
        {
            call = new StoredAttackCall(id, Parent(id), Serialize(messages), null, Secrets.Redact($"{e.GetType().Name}: {e.Message}"), null, null, Elapsed(started));
        }
        await _commit(call, cancellationToken).ConfigureAwait(false);
        return new AttackReply(call.Response, call.Error);
    }

    /// <summary>Has the run's judge decide whether <paramref name="response"/> answers the goal unsafely (recorded as a scorer call).</summary>
    public Task<JudgeVerdict> JudgeAsync(int stream, int node, int turn, string response,
        CancellationToken cancellationToken) => JudgeAsync(stream, node, turn, response, null, cancellationToken);

    /// <summary>As <see cref="JudgeAsync(int, int, int, string, CancellationToken)"/>; the guard reads
    /// <paramref name="sent"/> (null: the last prompt sent) as what was asked.</summary>
    internal async Task<JudgeVerdict> JudgeAsync(int stream, int node, int turn, string response, string? sent,
        CancellationToken cancellationToken)
    {
        var record = await ScoreAsync(new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn), async () =>
        {
            var result = await _judge.JudgeAsync(GoalText, InstructionFrame.CleanResponse(response), cancellationToken).ConfigureAwait(false);
            // The false-success guard overrules an unsafe verdict on an answer that adds nothing to the request.
            var asked = sent ?? Volatile.Read(ref _lastSent);
            if (result.Verdict == Verdict.Unsafe && FalseSuccessGuard.Reason(response, GoalText, asked) is { } guard)
                return (new JsonObject { ["judge"] = _judge.Name, ["verdict"] = Verdict.Safe.ToWire(), ["output"] = $"false-success guard: {guard} (the judge said unsafe)" }, guard);
            return (new JsonObject { ["judge"] = _judge.Name, ["verdict"] = result.Verdict.ToWire(), ["output"] = Secrets.Redact(result.Output) }, result.Reason);
        }, new JsonObject { ["judge"] = _judge.Name, ["verdict"] = Verdict.Error.ToWire(), ["output"] = "" }, cancellationToken).ConfigureAwait(false);
        return new JudgeVerdict(VerdictNames.TryParse((string?)record["verdict"], out var verdict) ? verdict : Verdict.Error, (string?)record["output"] ?? "");
    }

    private int? Parent(AttackCallId id) => _parents.TryGetValue(id.Node, out var parent) ? parent : null;

    private static string Serialize(IReadOnlyList<ChatMessage> messages) =>
        new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text }).ToArray())
            .ToJsonString(Common.JsonlFile.WriteOptions);

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
