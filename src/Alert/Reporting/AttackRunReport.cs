using Alert.Benchmark;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.Reporting;

/// <summary>What a report shows about an attack run (<c>alert attack</c>): success per method, and a transcript per
/// category.</summary>
public sealed record AttackRunReport(string Directory, string Name, string Judge, IReadOnlyList<AttackScores> Methods,
    IReadOnlyDictionary<string, IReadOnlyList<AttackTranscript>> Transcripts)
{
    /// <summary>The run's stored settings (target, judge, attacker, budgets, times), as the manifests show.</summary>
    public IReadOnlyDictionary<string, string> Manifest { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Whether a run directory holds an attack run rather than a benchmark run.</summary>
    public static async Task<bool> IsAttackRunAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(directory, RunStore.FileName)))
            return false;
        await using var store = await RunStore.OpenReadOnlyAsync(directory, cancellationToken).ConfigureAwait(false);
        return (await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false))
            .GetValueOrDefault("kind") == "attack";
    }

    /// <summary>Reads an attack run: every method's scores, and per method one transcript per category (a success when
    /// there is one).</summary>
    public static async Task<AttackRunReport> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        await using var store = await RunStore.OpenReadOnlyAsync(directory, cancellationToken).ConfigureAwait(false);
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        var goals = new List<KeyedPrompt>();
        await foreach (var r in store.ReadResultsAsync("", cancellationToken).ConfigureAwait(false))
            goals.Add(new KeyedPrompt(r.Key, r.Prompt, r.Ordinal));
        var methods = new List<AttackScores>();
        var transcripts = new Dictionary<string, IReadOnlyList<AttackTranscript>>(StringComparer.Ordinal);
        foreach (var method in await store.ReadAttackMethodsAsync(cancellationToken).ConfigureAwait(false))
        {
            var results = await store.ReadAttackResultsAsync(method, cancellationToken).ConfigureAwait(false);
            var pairs = goals.Where(g => results.ContainsKey(g.Key)).Select(g => (g, results[g.Key])).ToList();
            // The configured cap (recorded in the run's provenance), else the most any goal used.
            var budget = ConfiguredCap(meta)
                ?? (pairs.Count == 0 ? 0 : pairs.Max(p => p.Item2.TargetQueries));
            methods.Add(AttackScores.Compute(method, pairs, budget, Taxonomy.AlertTaxonomy.Default) with
            {
                Techniques = TechniqueScores.Compute(method, pairs, budget, Taxonomy.AlertTaxonomy.Default),
            });
            transcripts[method] = pairs.GroupBy(p => p.g.Prompt.Category, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(p => p.Item2.Outcome == AttackGoalOutcome.Jailbroken).First())
                .Select(p => new AttackTranscript(
                    p.g.Prompt.Category, p.g.Prompt.Text, p.Item2.Outcome == AttackGoalOutcome.Jailbroken,
                    p.Item2.BestPrompt, p.Item2.BestResponse, p.Item2.Turns))
                .ToList();
        }
        var (requests, input, output) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var manifest = new SortedDictionary<string, string>(meta, StringComparer.Ordinal)
        {
            ["usage"] = $"{requests} requests, {input} input tokens, {output} output tokens",
        };
        return new AttackRunReport(directory, meta.GetValueOrDefault("target", Path.GetFileName(directory)),
            meta.GetValueOrDefault("judge", ""), methods, transcripts)
        { Manifest = manifest };
    }

    /// <summary>The target-query cap the run was configured with: its provenance (<c>attack</c>), or the identity
    /// string older runs recorded.</summary>
    private static int? ConfiguredCap(Dictionary<string, string> meta)
    {
        if (meta.TryGetValue("attack", out var attack)
            && System.Text.Json.Nodes.JsonNode.Parse(attack)?["max_target_queries"] is { } cap)
            return (int)cap;
        return System.Text.RegularExpressions.Regex.Match(meta.GetValueOrDefault("target_options", ""),
            @"max_target_queries=(\d+)") is { Success: true } old
            ? int.Parse(old.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }
}
