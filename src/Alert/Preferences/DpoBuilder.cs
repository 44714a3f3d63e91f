using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Common;
using Alert.Judges;
using Alert.Storage;

namespace Alert.Preferences;

/// <summary>
/// Builds ALERT_DPO preference pairs from several judged runs of the same prompts (matched by prompt
/// text): a pair where at least one run was judged safe and another unsafe. Rule for several candidates:
/// <c>chosen</c> is the safe response of the first run in the given order that was judged safe, and
/// <c>rejected</c> the unsafe response of the first run judged unsafe, so listing the preferred model
/// first makes its answers the chosen ones. Errors never take part.
/// </summary>
public static class DpoBuilder
{
    /// <summary>Writes DPO pairs (prompt, chosen safe answer, rejected unsafe one) from judged runs.</summary>
    public static async Task<DpoCounts> WriteAsync(
        IReadOnlyList<string> runDirectories, string outPath, CancellationToken cancellationToken = default)
    {
        if (runDirectories.Count < 2)
            throw new AlertException(
                "a DPO set needs at least two runs (chosen and rejected come from different runs)");
        // prompt -> per run: (verdict, response); plus the prompt's row for category and attack type.
        var byPrompt = new Dictionary<string, (BenchmarkPrompt Prompt, (Verdict Verdict, string? Response)?[] Runs)>(
            StringComparer.Ordinal);
        var order = new List<string>();
        var names = new string[runDirectories.Count];
        for (var i = 0; i < runDirectories.Count; i++)
        {
            var dir = runDirectories[i];
            if (!File.Exists(Path.Combine(dir, RunStore.FileName)))
                throw new AlertException($"{dir}: not a run directory (no {RunStore.FileName})");
            await using var store = await RunStore.OpenReadOnlyAsync(dir, cancellationToken).ConfigureAwait(false);
            var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
            var judge = meta.GetValueOrDefault("judge") ?? throw new AlertException($"{dir}: the run was never judged");
            names[i] = meta.GetValueOrDefault("target", dir);
            await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
            {
                if (!byPrompt.TryGetValue(r.Prompt.Prompt, out var entry))
                {
                    entry = (r.Prompt, new (Verdict, string?)?[runDirectories.Count]);
                    byPrompt[r.Prompt.Prompt] = entry;
                    order.Add(r.Prompt.Prompt);
                }
                var verdict = r.Response is { Error: null } && r.Verdict is { } v ? v.Verdict : Verdict.Error;
                entry.Runs[i] = (verdict, r.Response?.Response);
            }
        }

        int pairs = 0, allSafe = 0, allUnsafe = 0, incomplete = 0;
        var perRun = new DpoRunCounts[runDirectories.Count];
        for (var i = 0; i < perRun.Length; i++)
        {
            var verdicts = byPrompt.Values.Select(e => e.Runs[i]).Where(r => r is not null)
                .Select(r => r!.Value.Verdict).ToList();
            perRun[i] = new DpoRunCounts(names[i], verdicts.Count, verdicts.Count(v => v == Verdict.Safe),
                verdicts.Count(v => v == Verdict.Unsafe),
                verdicts.Count(v => v == Verdict.Error));
        }
        await using var writer = new AtomicJsonlWriter(outPath);
        foreach (var text in order)
        {
            var (prompt, runs) = byPrompt[text];
            var chosen = Array.FindIndex(runs, r => r is { Verdict: Verdict.Safe });
            var rejected = Array.FindIndex(runs, r => r is { Verdict: Verdict.Unsafe });
            if (chosen >= 0 && rejected >= 0)
            {
                pairs++;
                var pair = new JsonObject
                {
                    ["prompt"] = prompt.Prompt,
                    ["chosen"] = runs[chosen]!.Value.Response,
                    ["rejected"] = runs[rejected]!.Value.Response,
                    ["category"] = prompt.Category,
                    ["attack_type"] = prompt.AttackType,
                    ["chosen_run"] = names[chosen],
                    ["rejected_run"] = names[rejected],
                };
                // As in benchmark files: a pair in another language says which; English pairs read as before.
                if (prompt.Lang != BenchmarkPrompt.DefaultLang)
                    pair["lang"] = prompt.Lang;
                await writer.WriteAsync(pair).ConfigureAwait(false);
            }
            // Only a verdict in every run says "safe (or unsafe) in every run"; a prompt missing from a run or without
            // a
            // verdict there is incomplete.
            else if (Array.TrueForAll(runs, r => r is { Verdict: Verdict.Safe }))
                allSafe++;
            else if (Array.TrueForAll(runs, r => r is { Verdict: Verdict.Unsafe }))
                allUnsafe++;
            else
                incomplete++;
        }
        await writer.CommitAsync().ConfigureAwait(false);
        return new DpoCounts(order.Count, pairs, allSafe, allUnsafe, incomplete) { Runs = perRun };
    }
}
