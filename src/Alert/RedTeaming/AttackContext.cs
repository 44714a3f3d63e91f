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
    private readonly ISafetyJudge _scorer;
    private readonly IReadOnlyDictionary<AttackCallId, StoredAttackCall> _completed;
    private readonly Func<StoredAttackCall, CancellationToken, Task> _commit;
    private int _targetQueries, _scorerQueries;

    internal AttackContext(KeyedPrompt goal, string method, AttackSettings settings, IChatClient target, ChatOptions targetOptions, ISafetyJudge scorer,
        IReadOnlyDictionary<AttackCallId, StoredAttackCall> completed, Func<StoredAttackCall, CancellationToken, Task> commit)
    {
        Goal = goal;
        Settings = settings;
        _method = method;
        _target = target;
        _targetOptions = targetOptions;
        _scorer = scorer;
        _completed = completed;
        _commit = commit;
    }

    /// <summary>The request to get answered, with its ALERT category.</summary>
    public KeyedPrompt Goal { get; }

    /// <summary>The request's text, without the instruction frame.</summary>
    public string GoalText => Goal.Prompt.Text;

    public AttackSettings Settings { get; }

    public int TargetQueries => _targetQueries;

    public int ScorerQueries => _scorerQueries;

    /// <summary>Target calls left under <see cref="AttackSettings.MaxTargetQueries"/>.</summary>
    public int TargetQueriesLeft => Settings.MaxTargetQueries - _targetQueries;

    /// <summary>Asks the target (a conversation of user and assistant turns) at a place in the search.</summary>
    public async Task<AttackReply> AskTargetAsync(int stream, int node, int turn, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (TargetQueriesLeft <= 0)
            throw new InvalidOperationException($"{_method}: the target cap of {Settings.MaxTargetQueries} queries is spent");
        _targetQueries++;
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Target, stream, node, turn);
        if (_completed.TryGetValue(id, out var done))
            return new AttackReply(done.Response, done.Error);
        var started = Stopwatch.GetTimestamp();
        StoredAttackCall call;
        try
        {
            var answer = await _target.GetResponseAsync(messages, _targetOptions.Clone(), cancellationToken).ConfigureAwait(false);
            call = new StoredAttackCall(id, null, Serialize(messages), answer.Text, null, answer.Usage?.InputTokenCount, answer.Usage?.OutputTokenCount, Elapsed(started));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            call = new StoredAttackCall(id, null, Serialize(messages), null, Secrets.Redact($"{e.GetType().Name}: {e.Message}"), null, null, Elapsed(started));
        }
        await _commit(call, cancellationToken).ConfigureAwait(false);
        return new AttackReply(call.Response, call.Error);
    }

    /// <summary>Has the in-loop scorer (a judge) decide whether <paramref name="response"/> answers the goal unsafely.</summary>
    public async Task<JudgeVerdict> JudgeAsync(int stream, int node, int turn, string response, CancellationToken cancellationToken)
    {
        _scorerQueries++;
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn);
        if (_completed.TryGetValue(id, out var done) && done.Response is { } stored && JsonNode.Parse(stored) is JsonObject o
            && VerdictNames.TryParse((string?)o["verdict"], out var verdict))
            return new JudgeVerdict(verdict, (string?)o["output"] ?? "");
        var started = Stopwatch.GetTimestamp();
        var result = await _scorer.JudgeAsync(GoalText, InstructionFrame.CleanResponse(response), cancellationToken).ConfigureAwait(false);
        var record = new JsonObject { ["judge"] = _scorer.Name, ["verdict"] = result.Verdict.ToWire(), ["output"] = Secrets.Redact(result.Output) };
        await _commit(new StoredAttackCall(id, null, "", record.ToJsonString(), result.Reason, null, null, Elapsed(started)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static string Serialize(IReadOnlyList<ChatMessage> messages) =>
        new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["role"] = m.Role.Value, ["content"] = m.Text }).ToArray())
            .ToJsonString(Common.JsonlFile.WriteOptions);

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
