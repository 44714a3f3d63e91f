using System.Text.Json.Nodes;
using Alert.Common;

namespace Alert.RedTeaming;

/// <summary>
/// What an attack run is, as a flat list of fields: method, protocol, target options, attacker and scorer specs,
/// converters, every setting and every prompt file's SHA-256. Stored in <c>run.db</c> (meta key <c>attack</c>) and
/// <c>manifest.json</c>; resuming with any field different is refused with one line naming it. The judge is recorded
/// beside it, not in it: another judge on a finished run judges its best attempts again.
/// </summary>
public static class AttackProvenance
{
    /// <summary>The meta key (and manifest field) holding the fields.</summary>
    public const string MetaKey = "attack";

    /// <summary>The fields of a planned run, in a fixed order; prompt files as <c>prompt_sha256:PATH</c>.</summary>
    public static JsonObject Fields(AttackPlan plan, string? scorerName)
    {
        var d = plan.Definition;
        var s = plan.Settings;
        var uses = plan.Method.Needs;
        var fields = new JsonObject
        {
            ["method"] = plan.Method.Name,
            ["protocol"] = plan.Protocol?.Name,
            ["target_options"] = d.TargetOptions.Identity,
            ["attacker"] = uses.Attacker == AttackModelNeed.None ? null : d.Attacker,
            ["scorer"] = uses.Scorer == AttackModelNeed.None ? null : scorerName,
            ["converters"] = d.Converters.Count == 0 ? null : string.Join(",", d.Converters),
            // The goals: another --goals file or --per-category is another run, not more of this one.
            ["goals"] = plan.Goals.Name,
            ["goal_count"] = plan.Goals.Prompts.Count,
            ["seed"] = s.Seed,
            ["attacker_retries"] = s.AttackerRetries,
            ["history"] = s.KeepLastExchanges,
            ["streams"] = s.Streams,
            ["iterations"] = s.Iterations,
            ["branching"] = s.Branching,
            ["width"] = s.Width,
            ["depth"] = s.Depth,
            ["turns"] = s.MaxTurns,
            ["backtracks"] = s.MaxBacktracks,
            ["sigma"] = s.Sigma,
            ["shots"] = s.Shots,
            ["target_string"] = s.TargetString,
            // The caps last: a knob that changes them is named first.
            ["max_target_queries"] = s.MaxTargetQueries,
            ["max_attacker_queries"] = s.AttackerCap,
        };
        foreach (var file in PromptFiles(plan, scorerName))
            fields["prompt_sha256:data/" + file] = Sha256.Hex(DataFiles.ReadText(file));
        return fields;
    }

    /// <summary>The prompt files the run sends: the method's, a model scorer's, the protocol's.</summary>
    private static IEnumerable<string> PromptFiles(AttackPlan plan, string? scorerName)
    {
        var files = new List<string>(plan.Method.PromptFiles);
        if (plan.Settings.TargetString)
            files.Add(TargetString.PromptPath);
        var modelScorer = scorerName?.StartsWith("rating:", StringComparison.Ordinal) == true;
        if (plan.Method.Needs.Scorer != AttackModelNeed.None && modelScorer)
            files.AddRange([ModelRatingScorer.PromptPath, ModelRatingScorer.OnTopicPath]);
        if (plan.Protocol is { } protocol && plan.Definition.Judge.StartsWith("llm:", StringComparison.Ordinal))
            files.Add(protocol.JudgeRubric);
        return files.Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The one line saying how <paramref name="current"/> differs from the <paramref name="recorded"/> fields
    /// (the first field that does), or null when they are the same.
    /// </summary>
    public static string? Difference(JsonObject recorded, JsonObject current)
    {
        foreach (var key in recorded.Select(kv => kv.Key).Union(current.Select(kv => kv.Key), StringComparer.Ordinal))
        {
            var was = Show(recorded[key]);
            var now = Show(current[key]);
            if (!string.Equals(was, now, StringComparison.Ordinal))
                return $"{key} was {was}, this invocation has {now}";
        }
        return null;
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "(none)",
        JsonValue v when v.TryGetValue<string>(out var text) => $"'{text}'",
        _ => node.ToJsonString(JsonlFile.WriteOptions),
    };
}
