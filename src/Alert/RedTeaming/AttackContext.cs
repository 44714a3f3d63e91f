using System.Diagnostics;
using System.Text.Json.Nodes;
using Alert.Attacks;
using Alert.Benchmark;
using Alert.Common;
using Alert.Judges;
using Alert.Storage;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// What a method attacks one goal with: the goal, the caps, and the calls. Each call is looked up among the goal's
/// completed calls first (a resumed run replays them), else made, committed and counted; the target cap is enforced
/// here, so no server sees more calls than the caps.
/// </summary>
public sealed partial class AttackContext
{
    private readonly string _method;
    private readonly IChatClient _target;
    private readonly ChatOptions _targetOptions;
    private readonly ISafetyJudge _judge;
    private readonly AttackModels _models;
    private readonly IReadOnlyDictionary<AttackCallId, StoredAttackCall> _completed;
    private readonly Func<StoredAttackCall, CancellationToken, Task> _commit;
    private int _targetQueries, _scorerQueries, _attackerQueries, _attackerRefusals, _blocked, _targetFailures,
        _attackerUnusable, _offTopic;
    private string? _lastTargetError, _lastAttackerError, _lastBlockedPrompt, _lastSent;
    private static readonly RefusalDetector Refusals = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _sentAt =
        new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _parents = new();
    private readonly Func<bool> _takeRequest;
    private readonly IPromptAttack? _converter;

    internal AttackContext(KeyedPrompt goal, string method, AttackSettings settings, IChatClient target,
        ChatOptions targetOptions, ISafetyJudge judge,
        AttackModels models, IReadOnlyDictionary<AttackCallId, StoredAttackCall> completed, Func<StoredAttackCall,
            CancellationToken, Task> commit,
        Func<bool>? takeRequest = null, IPromptAttack? converter = null)
    {
        _takeRequest = takeRequest ?? (() => true);
        _converter = converter;
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

    /// <summary>Attacker answers that were refusals (detected by the methods, recorded with the run's
    /// result).</summary>
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
    /// The attacker's next attack, read from its JSON answer (<paramref name="key"/>, e.g. <c>prompt</c>), through
    /// the one attacker loop (<see cref="ProposeTextAsync"/>).
    /// </summary>
    public Task<(string? Attack, string? Answer)> ProposeAsync(int stream, int node, int turn,
        IReadOnlyList<ChatMessage> messages, string key, string note, CancellationToken cancellationToken) =>
        ProposeTextAsync(stream, node, turn, messages,
            text => AttackerJson.TryParse(text, key, note, out var attack, out _) ? attack : null, cancellationToken);

    /// <summary>
    /// The attacker's next attack as <paramref name="read"/> takes it from the answer (null: unusable). The one
    /// attacker loop of every method: an unusable answer, or one whose attack is a refusal ("I'm sorry, I can't help
    /// create prompts like that"), is counted and regenerated up to <see cref="AttackSettings.AttackerRetries"/> times
    /// and never reaches the target; null when none came.
    /// </summary>
    public async Task<(string? Attack, string? Answer)> ProposeTextAsync(int stream, int node, int turn,
        IReadOnlyList<ChatMessage> messages, Func<string, string?> read, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Settings.AttackerRetries && AttackerQueriesLeft > 0; attempt++)
        {
            var reply = await AskAttackerAsync(stream, node, turn, attempt, messages, cancellationToken)
                .ConfigureAwait(false);
            if (reply.Text is { } text && read(text) is { Length: > 0 } attack && !EchoesInstructions(attack, messages))
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

    /// <summary>Records that <paramref name="node"/> grew from <paramref name="parent"/> (tree searches): its calls
    /// carry the parent.</summary>
    public void LinkNode(int node, int parent) => _parents[node] = parent;

    /// <summary>Whether an in-loop scorer was given (<see cref="RateAsync"/>).</summary>
    public bool HasScorer => _models.Scorer is not null;

    /// <summary>Attacker calls left under <see cref="AttackSettings.AttackerCap"/>.</summary>
    public int AttackerQueriesLeft => Settings.AttackerCap - AttackerQueries;

    /// <summary>Target calls left under <see cref="AttackSettings.MaxTargetQueries"/>.</summary>
    public int TargetQueriesLeft => Settings.MaxTargetQueries - TargetQueries;

    /// <summary>Asks the target (a conversation of user and assistant turns) at a place in the search.</summary>
    public async Task<AttackReply> AskTargetAsync(
        int stream, int node, int turn, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        // Reserved atomically: streams of one goal may ask at once, and the cap holds.
        var ordinal = Interlocked.Increment(ref _targetQueries);
        if (ordinal > Settings.MaxTargetQueries)
        {
            Interlocked.Decrement(ref _targetQueries);
            throw new InvalidOperationException(
                $"{_method}: the target cap of {Settings.MaxTargetQueries} queries is spent");
        }
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Target, stream, node, turn);
        // What the target sees (converted, if converters are given): the false-success guard compares with it.
        var sent = Convert(messages);
        Volatile.Write(ref _lastSent, sent.LastOrDefault(m => m.Role == ChatRole.User)?.Text);
        if (_completed.TryGetValue(id, out var done))
            return Counted(new AttackReply(done.Response, done.Error), messages, ordinal);
        // A replayed call is free; a new one takes from the invocation's budget.
        if (!_takeRequest())
            throw new AttackBudgetSpentException();
        var reply = await CallAsync(id, _target, sent, Seeded(_targetOptions, id), cancellationToken)
            .ConfigureAwait(false);
        return Counted(reply, messages, ordinal);
    }

    /// <summary>Target queries up to and including the first that sent <paramref name="prompt"/> (its last user turn);
    /// null if none did.</summary>
    internal int? QueriesUpTo(string? prompt) =>
        prompt is not null && _sentAt.TryGetValue(prompt, out var n) ? n : null;

    /// <summary>Counts a target reply that is a block or a failure, and notes when its prompt was first sent.</summary>
    private AttackReply Counted(AttackReply reply, IReadOnlyList<ChatMessage> messages, int ordinal)
    {
        if (messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text is { } sent)
            _sentAt.AddOrUpdate(sent, ordinal, (_, first) => Math.Min(first, ordinal));
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
    public async Task<AttackReply> AskAttackerAsync(
        int stream, int node, int turn, int attempt, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken)
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
        var options = Seeded(new ChatOptions { Temperature = 1, MaxOutputTokens = 1024 }, id);
        return await CallAsync(id, attacker, messages, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AttackReply> CallAsync(AttackCallId id, IChatClient client, IReadOnlyList<ChatMessage> messages,
        ChatOptions options, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        StoredAttackCall call;
        try
        {
            var answer = await client.GetResponseAsync(messages, options.Clone(), cancellationToken)
                .ConfigureAwait(false);
            // An answer the server's filter cut to nothing is a block, recorded as one (a replay reads it the same).
            var blocked = answer.FinishReason == ChatFinishReason.ContentFilter && string.IsNullOrEmpty(answer.Text);
            call = new StoredAttackCall(id, Parent(id), Serialize(messages), blocked ? null : answer.Text,
                blocked ? ContentFilterBlock.FinishedError : null,
                answer.Usage?.InputTokenCount, answer.Usage?.OutputTokenCount, Elapsed(started));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e
            is not Targets.TargetUnusableException)
        {
            call = new StoredAttackCall(id, Parent(id), Serialize(messages), null,
                Secrets.Redact($"{e.GetType().Name}: {e.Message}"), null, null, Elapsed(started));
        }
        await _commit(call, cancellationToken).ConfigureAwait(false);
        return new AttackReply(call.Response, call.Error);
    }

    private int? Parent(AttackCallId id) => _parents.TryGetValue(id.Node, out var parent) ? parent : null;

    /// <summary>
    /// The messages as the target sees them: with converters, every user turn wrapped by them (the same turn the same
    /// way each time, so a conversation's history does not change under it).
    /// </summary>
    private IReadOnlyList<ChatMessage> Convert(IReadOnlyList<ChatMessage> messages)
    {
        if (_converter is null)
            return messages;
        return messages.Select(m => m.Role == ChatRole.User
            ? new ChatMessage(ChatRole.User,
                _converter.Apply(m.Text, SeededRandom.For(Settings.Seed, "converter/" + m.Text)))
            : m).ToList();
    }

    /// <summary>
    /// The options with a seed for this call, from the run's seed and the call's place: a server that takes a seed
    /// samples the same answer for the same call, and different streams still differ.
    /// </summary>
    private ChatOptions Seeded(ChatOptions options, AttackCallId id)
    {
        var place = FormattableString.Invariant(
            $"seed/{id.Goal}/{id.Role}/{id.Stream}/{id.Node}/{id.Turn}/{id.Attempt}");
        var seeded = options.Clone();
        seeded.Seed = (long)(SeededRandom.For(Settings.Seed, place).NextUInt64() >> 33);
        return seeded;
    }

    internal static string Serialize(IReadOnlyList<ChatMessage> messages) =>
        new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text })
            .ToArray())
            .ToJsonString(JsonlFile.WriteOptions);

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
