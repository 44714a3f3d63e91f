using System.Text.Json.Nodes;
using Alert.Judges;
using Microsoft.Extensions.AI;

namespace Alert.Guards;

/// <summary>How a run stores why a guarded target's call was blocked: the blocking decision as a small JSON
/// object.</summary>
internal static class GuardRecord
{
    /// <summary>The decision that blocked <paramref name="response"/> as JSON, or null when no guard blocked
    /// it.</summary>
    public static string? Blocking(ChatResponse response)
    {
        if (response.AdditionalProperties?.TryGetValue(AlertGuardChatClient.DecisionsProperty, out var value) != true
            || value is not IEnumerable<GuardDecision> decisions
            || response.FinishReason != ChatFinishReason.ContentFilter)
            return null;
        var blocking = decisions.LastOrDefault(d => d.Blocked)
            ?? decisions.LastOrDefault(d => d.Verdict == Verdict.Error);
        if (blocking is null)
            return null;
        var json = new JsonObject
        {
            ["stage"] = blocking.Stage == GuardStage.Input ? "input" : "output",
            ["judge"] = blocking.Judge,
            ["verdict"] = blocking.Verdict.ToWire(),
            ["output"] = blocking.JudgeOutput,
        };
        if (blocking.Codes is { Count: > 0 } codes)
            json["codes"] = new JsonArray(codes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        return json.ToJsonString();
    }

    /// <summary>"input" or "output": where the guard recorded in <paramref name="record"/> blocked; null when none
    /// did.</summary>
    public static string? Stage(string? record) => record is null ? null : Stage(JsonNode.Parse(record));

    /// <summary>The same for a record already parsed (a results.jsonl row's <c>guard</c>).</summary>
    public static string? Stage(JsonNode? record) => record is JsonObject o ? (string?)o["stage"] : null;
}
