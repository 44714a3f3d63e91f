using System.Text.Json;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;
using Alert.Judges;
using Alert.Running;
using Alert.Scoring;
using Alert.Storage;
using Alert.Taxonomy;

namespace Alert.RedTeaming;

/// <summary>
/// The files of an attack run, derived from its store at any time: <c>attacks.jsonl</c> (one row per goal and
/// method), <c>scores.json</c> (attack success rate per method, per macro and micro category and overall, with
/// Wilson intervals, queries to success, success against the target budget) and <c>manifest.json</c>.
/// </summary>
public static class AttackOutputs
{
    /// <summary>One row per goal and method.</summary>
    public const string AttacksFileName = "attacks.jsonl";

    /// <summary>Writes <c>attacks.jsonl</c>, <c>scores.json</c> and <c>manifest.json</c> for one method and returns its
    /// scores.</summary>
    public static async Task<AttackScores> WriteAsync(
        RunStore store, IAdaptiveAttack method, AttackSettings settings, CancellationToken cancellationToken = default)
    {
        var results = await store.ReadAttackResultsAsync(method.Name, cancellationToken).ConfigureAwait(false);
        var goals = new List<(KeyedPrompt Goal, StoredAttackResult Result)>();
        await using (var writer = new AtomicJsonlWriter(Path.Combine(store.Directory, AttacksFileName)))
        {
            await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            {
                if (!results.TryGetValue(r.Key, out var result))
                    continue;
                goals.Add((new KeyedPrompt(r.Key, r.Prompt, r.Ordinal), result));
                await writer.WriteAsync(Row(r.Key, r.Prompt, result)).ConfigureAwait(false);
            }
            await writer.CommitAsync().ConfigureAwait(false);
        }
        var scores = AttackScores.Compute(method.Name, goals, settings.MaxTargetQueries, AlertTaxonomy.Default) with
        {
            Techniques = TechniqueScores.Compute(method.Name, goals, settings.MaxTargetQueries, AlertTaxonomy.Default),
        };
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var json = new JsonObject
        {
            ["format_version"] = 1,
            ["kind"] = "attack",
            ["target"] = meta.GetValueOrDefault("target", "?"),
            ["judge"] = goals.Select(g => g.Result.Judge).FirstOrDefault() ?? "",
            ["methods"] = new JsonObject { [method.Name] = scores.ToJson() },
        };
        await AtomicJsonlWriter.WriteAllTextAsync(Path.Combine(store.Directory, RunOutputs.ScoresFileName),
            json.ToJsonString(new JsonSerializerOptions(JsonlFile.WriteOptions) { WriteIndented = true }) + "\n",
                cancellationToken).ConfigureAwait(false);
        var calls = await store.CountAttackCallsAsync(cancellationToken).ConfigureAwait(false);
        await store.SetMetaAsync("attack_calls",
            new JsonObject(calls.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))).ToJsonString(),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var usage = await UsageAsync(store, cancellationToken).ConfigureAwait(false);
        await store.SetMetaAsync(RunOutputs.AttackUsageKey, usage.ToJsonString(), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await RunOutputs.WriteManifestAsync(store, cancellationToken).ConfigureAwait(false);
        return scores;
    }

    /// <summary>Answered calls and tokens by role, every role listed (0 when none), with their totals.</summary>
    private static async Task<JsonObject> UsageAsync(RunStore store, CancellationToken cancellationToken)
    {
        var usage = await store.ReadAttackUsageAsync(cancellationToken).ConfigureAwait(false);
        var json = new JsonObject();
        long requests = 0, input = 0, output = 0;
        foreach (var role in new[] { AttackRole.Target, AttackRole.Attacker, AttackRole.Scorer, AttackRole.Judge })
        {
            var (r, i, o) = usage.GetValueOrDefault(role);
            json[role] = new JsonObject { ["requests"] = r, ["input_tokens"] = i, ["output_tokens"] = o };
            (requests, input, output) = (requests + r, input + i, output + o);
        }
        json["requests"] = requests;
        json["input_tokens"] = input;
        json["output_tokens"] = output;
        return json;
    }

    private static JsonObject Row(string key, BenchmarkPrompt goal, StoredAttackResult r) => new()
    {
        ["goal_id"] = key,
        ["category"] = goal.Category,
        ["goal"] = goal.Text,
        ["method"] = r.Method,
        ["success"] = r.Outcome == AttackGoalOutcome.Jailbroken,
        ["outcome"] = r.Outcome.ToWire(),
        ["reason"] = r.Reason,
        ["verdict"] = r.Verdict.ToWire(),
        ["judge"] = r.Judge,
        ["in_loop_success"] = r.InLoopSuccess,
        ["target_queries"] = r.TargetQueries,
        ["attacker_queries"] = r.AttackerQueries,
        ["scorer_queries"] = r.ScorerQueries,
        ["attacker_refusals"] = r.AttackerRefusals,
        ["queries_to_success"] = r.QueriesToSuccess,
        ["best_prompt"] = r.BestPrompt,
        ["best_response"] = r.BestResponse,
        ["turns"] = r.Turns is null ? null : JsonNode.Parse(r.Turns),
    };
}
