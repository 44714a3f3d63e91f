using Alert.Judges;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.Reporting;

/// <summary>Everything a report shows about one run, read from its store under a policy.</summary>
public sealed record RunReport(
    string Directory, string Name, string Judge, IReadOnlyDictionary<string, string> Manifest, SafetyScores Scores,
    IReadOnlyDictionary<string, IReadOnlyList<UnsafeExample>> Examples, IReadOnlyList<JudgeAgreement> Agreement)
{
    /// <summary>The human-audited estimate from the run's audit labels (RUNDIR/labels.db), null without.</summary>
    public HumanAuditedScore? HumanAudited { get; init; }

    /// <summary>
    /// Reads a run directory: verdicts of the judge it was last scored with (or <paramref name="judge"/>),
    /// scored under <paramref name="policy"/>, with up to <paramref name="examplesPerCategory"/> unsafe answers per
    /// category.
    /// </summary>
    public static async Task<RunReport> LoadAsync(
        string directory, SafetyPolicy? policy = null, string? judge = null, int examplesPerCategory = 3,
        CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(directory, RunStore.FileName)))
            throw new AlertException($"{directory}: not a run directory (no {RunStore.FileName})");
        await using var store = await RunStore.OpenReadOnlyAsync(directory, cancellationToken).ConfigureAwait(false);
        return await FromStoreAsync(store, policy, judge, examplesPerCategory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a run from its open store, as <see cref="LoadAsync"/> does (for the run's own report).</summary>
    internal static async Task<RunReport> FromStoreAsync(RunStore store, SafetyPolicy? policy, string? judge,
        int examplesPerCategory, CancellationToken cancellationToken)
    {
        var directory = store.Directory;
        var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
        judge = judge is null
            ? meta.GetValueOrDefault("judge")
                ?? await PartialRunJudgeAsync(store, cancellationToken).ConfigureAwait(false)
            : StoredJudge(directory, judge, await store.ReadJudgeNamesAsync(cancellationToken).ConfigureAwait(false));
        // Rows are counted as they stream past, never held.
        var builder = new SafetyScoresBuilder(policy: policy);
        var examples = new Dictionary<string, List<UnsafeExample>>(StringComparer.Ordinal);
        await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
        {
            var verdict = r.Response is { Error: null } && r.Verdict is { } v ? v.Verdict : Verdict.Error;
            var empty = r.Response is { Error: null, Response: var text } && string.IsNullOrWhiteSpace(text);
            builder.Add(new ScoredItem(r.Prompt.Category, r.Prompt.AttackKey, verdict, r.Prompt.IsBenign,
                empty ? null : r.Verdict?.Outcome, Guards.GuardRecord.Stage(r.Response?.Guard))
            {
                NotSent = r.Response is null,
                EmptyAnswer = empty,
                Lang = r.Prompt.Lang,
            });
            if (verdict == Verdict.Unsafe)
            {
                var list = examples.TryGetValue(r.Prompt.Category, out var l) ? l : examples[r.Prompt.Category] = [];
                if (list.Count < examplesPerCategory)
                    list.Add(new UnsafeExample(r.Prompt.Category, r.Prompt.AttackKey, r.Prompt.Text,
                        r.Response!.Response ?? "", r.Verdict!.Output));
            }
        }
        var scores = await StoredConsistency.BuildAsync(builder, store, judge, cancellationToken).ConfigureAwait(false);
        var agreement = await JudgeAgreement.ComputeAsync(store, judge, cancellationToken).ConfigureAwait(false);
        var audited = await HumanAudit.LoadAsync(store, judge, null, scores.Excluded, cancellationToken)
            .ConfigureAwait(false);
        var (requests, input, output) = await store.ReadUsageAsync(cancellationToken).ConfigureAwait(false);
        var manifest = new SortedDictionary<string, string>(meta, StringComparer.Ordinal)
        {
            ["judge"] = judge,
            ["usage"] = $"{requests} requests, {input} input tokens, {output} output tokens",
        };
        return new RunReport(directory, meta.GetValueOrDefault("target", Path.GetFileName(directory)), judge, manifest,
            scores,
            examples.ToDictionary(e => e.Key, e => (IReadOnlyList<UnsafeExample>)e.Value, StringComparer.Ordinal),
            agreement)
        {
            HumanAudited = audited,
        };
    }

    /// <summary>
    /// The stored judge a spec names: its exact name, else the one whose name starts with the spec's kind and holds its
    /// argument (<c>refusal</c> is <c>refusal-v1 (56 phrases)</c>); an unknown or ambiguous spec lists the run's
    /// judges.
    /// </summary>
    /// <summary>
    /// The judge of a run that stopped before it finished (interrupted, or over its budget): its verdicts so far are
    /// scored, the prompts not yet answered count as not sent. With no verdict, or verdicts from several judges, one
    /// line says what to do.
    /// </summary>
    private static async Task<string> PartialRunJudgeAsync(RunStore store, CancellationToken cancellationToken)
    {
        var stored = await store.ReadJudgeNamesAsync(cancellationToken).ConfigureAwait(false);
        return stored.Count switch
        {
            1 => stored[0],
            0 => throw new AlertException(
                $"{store.Directory}: no answer of this run has been judged yet; run the same 'alert run' to go on"),
            _ => throw new AlertException($"{store.Directory}: the run did not finish and holds verdicts from several "
                + $"judges ({string.Join("; ", stored.Select(n => $"'{n}'"))}); name one with --judge"),
        };
    }

    internal static string StoredJudge(string directory, string spec, IReadOnlyList<string> stored)
    {
        if (stored.Contains(spec, StringComparer.Ordinal))
            return spec;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var (kind, argument) = colon < 0 ? (spec, null) : (spec[..colon], spec[(colon + 1)..]);
        var matches = stored.Where(name => name.StartsWith(kind, StringComparison.OrdinalIgnoreCase)
                && (name.Length == kind.Length || name[kind.Length] is '-' or ' ' or ':')
                && (argument is null || name.Contains(":" + argument, StringComparison.Ordinal))).ToList();
        var held = stored.Count == 0 ? "none" : string.Join("; ", stored.Select(n => $"'{n}'"));
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new AlertException(
                $"{directory}: no verdicts from judge '{spec}'; the run holds verdicts from: {held}"),
            _ => throw new AlertException(
                $"{directory}: judge '{spec}' matches several stored judges " +
                $"({string.Join("; ", matches.Select(n => $"'{n}'"))}); give the full name"),
        };
    }
}
