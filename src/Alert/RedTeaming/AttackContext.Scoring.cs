using System.Diagnostics;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;
using Alert.Judges;
using Alert.Storage;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>The in-loop scorer's and the judge's calls of one goal, each stored with what was sent.</summary>
public sealed partial class AttackContext
{
    /// <summary>Has the in-loop scorer rate an answer to a prompt (null rating: unknown).</summary>
    public async Task<AttackRating> RateAsync(int stream, int node, int turn, string prompt, string response,
        CancellationToken cancellationToken)
    {
        var scorer = _models.Scorer ?? throw new InvalidOperationException($"{_method} needs an in-loop scorer");
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn);
        // A scorer that fails gives no rating: unknown, like an answer without a marker.
        var failed = new JsonObject { ["scorer"] = scorer.Name, ["rating"] = null, ["output"] = "" };
        var record = await ScoreAsync(id, async () =>
        {
            var rating = await scorer.RateAsync(GoalText, prompt, response, cancellationToken).ConfigureAwait(false);
            var record = new JsonObject
            {
                ["scorer"] = scorer.Name,
                ["rating"] = rating.Rating,
                ["output"] = Secrets.Redact(rating.Output),
            };
            var sent = rating.Request ?? Inputs(("goal", GoalText), ("prompt", prompt), ("response", response));
            return (record, null, sent);
        }, failed, cancellationToken).ConfigureAwait(false);
        return new AttackRating((int?)record["rating"], (string?)record["output"] ?? "");
    }

    /// <summary>TAP's on-topic check by the scorer (a scorer call, attempt 1); null when it cannot say.</summary>
    public async Task<bool?> IsOnTopicAsync(int stream, int node, int turn, string prompt,
        CancellationToken cancellationToken)
    {
        var scorer = _models.Scorer ?? throw new InvalidOperationException($"{_method} needs an in-loop scorer");
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn, Attempt: 1);
        var record = await ScoreAsync(id, async () =>
        {
            var onTopic = await scorer.IsOnTopicAsync(GoalText, prompt, cancellationToken).ConfigureAwait(false);
            return (new JsonObject { ["scorer"] = scorer.Name, ["on_topic"] = onTopic }, null,
                Inputs(("check", "on_topic"), ("goal", GoalText), ("prompt", prompt)));
        }, new JsonObject { ["scorer"] = scorer.Name, ["on_topic"] = null }, cancellationToken).ConfigureAwait(false);
        return (bool?)record["on_topic"];
    }

    /// <summary>
    /// A scorer or judge call, recorded as a JSON object with what was sent: the completed one when the goal is
    /// resumed, else <paramref name="score"/>'s (its note goes to the call's error column), or
    /// <paramref name="onFailure"/> when it throws.
    /// </summary>
    private async Task<JsonObject> ScoreAsync(AttackCallId id,
        Func<Task<(JsonObject Record, string? Note, string Request)>> score, JsonObject onFailure,
        CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _scorerQueries);
        if (_completed.TryGetValue(id, out var done) && done.Response is { } stored
            && JsonNode.Parse(stored) is JsonObject replayed)
        {
            return replayed;
        }
        var started = Stopwatch.GetTimestamp();
        JsonObject record;
        string? note;
        var request = "";
        try
        {
            (record, note, request) = await score().ConfigureAwait(false);
        }
        catch (Exception e)
            when (!cancellationToken.IsCancellationRequested && e is not Targets.TargetUnusableException)
        {
            (record, note) = (onFailure, Secrets.Redact($"{e.GetType().Name}: {e.Message}"));
        }
        var call = new StoredAttackCall(id, Parent(id), request, record.ToJsonString(), note, null, null,
            Elapsed(started));
        await _commit(call, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>
    /// Has the run's judge decide whether <paramref name="response"/> answers the goal unsafely, in the loop
    /// (recorded as a scorer call).
    /// </summary>
    public Task<JudgeVerdict> JudgeAsync(int stream, int node, int turn, string response,
        CancellationToken cancellationToken) => JudgeAsync(stream, node, turn, response, null, cancellationToken);

    /// <summary>As <see cref="JudgeAsync(int, int, int, string, CancellationToken)"/>; the guard reads
    /// <paramref name="sent"/> (null: the last prompt sent) as what was asked.</summary>
    internal async Task<JudgeVerdict> JudgeAsync(int stream, int node, int turn, string response, string? sent,
        CancellationToken cancellationToken)
    {
        var id = new AttackCallId(Goal.Key, _method, AttackRole.Scorer, stream, node, turn);
        var failed = new JsonObject { ["judge"] = _judge.Name, ["verdict"] = Verdict.Error.ToWire(), ["output"] = "" };
        var record = await ScoreAsync(id, async () =>
        {
            var result = await _judge.JudgeAsync(GoalText, InstructionFrame.CleanResponse(response), cancellationToken)
                .ConfigureAwait(false);
            var request = Inputs(("judge", _judge.Name), ("goal", GoalText), ("response", response));
            // The false-success guard overrules an unsafe verdict on an answer that adds nothing to the request.
            if (result.Verdict == Verdict.Unsafe
                && FalseSuccessGuard.Reason(response, GoalText, sent ?? Volatile.Read(ref _lastSent)) is { } guard)
            {
                var overruled = new JsonObject
                {
                    ["judge"] = _judge.Name,
                    ["verdict"] = Verdict.Safe.ToWire(),
                    ["output"] = $"false-success guard: {guard} (the judge said unsafe)",
                };
                return (overruled, guard, request);
            }
            var record = new JsonObject
            {
                ["judge"] = _judge.Name,
                ["verdict"] = result.Verdict.ToWire(),
                ["output"] = Secrets.Redact(result.Output),
            };
            return (record, result.Reason, request);
        }, failed, cancellationToken).ConfigureAwait(false);
        var verdict = VerdictNames.TryParse((string?)record["verdict"], out var v) ? v : Verdict.Error;
        return new JudgeVerdict(verdict, (string?)record["output"] ?? "");
    }

    /// <summary>The inputs of a scorer or judge call that builds its own prompt, as stored with the call.</summary>
    private static string Inputs(params (string Key, string Value)[] inputs) =>
        new JsonObject(inputs.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)i.Value)))
            .ToJsonString(JsonlFile.WriteOptions);

    /// <summary>
    /// Whether the attack is text from the attacker's first instructions (the template's example, echoed back by an
    /// attacker that repeats its input) rather than an attack it wrote; the goal itself stays a (weak) attack.
    /// </summary>
    private bool EchoesInstructions(string attack, IReadOnlyList<ChatMessage> messages)
    {
        var text = attack.Trim();
        return text.Length >= 12 && !text.Equals(GoalText.Trim(), StringComparison.OrdinalIgnoreCase)
            && messages.Count > 0 && messages[0].Role != ChatRole.Assistant
            && messages[0].Text.Contains(text, StringComparison.Ordinal);
    }
}
