using Alert.Judges;
using Alert.Storage;

namespace Alert.Labels;

/// <summary>
/// A judge card measured on a run's own audit labels (<c>alert judge card --from-labels RUNDIR</c>): the run judge's
/// confusion counts against the people's labels on the random audit sample (positive = unsafe). Uncertain-queue labels
/// are left out: they are not a random sample and would make the judge look worse than it is.
/// </summary>
public static class LabelCard
{
    /// <summary>The card of the run's judge from its valid audit labels (latest per answer; unsure left out).</summary>
    public static async Task<JudgeCard> FromRunAsync(string runDirectory, string? labelFile = null,
        CancellationToken cancellationToken = default)
    {
        var path = labelFile ?? LabelStore.DefaultPath(runDirectory);
        if (!File.Exists(path))
            throw new AlertException($"{path}: no labels (import some with alert labels import --audit)");
        string judge;
        List<RunAnswer> answers;
        await using (var run = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken).ConfigureAwait(false))
        {
            judge = await RunAnswers.JudgeAsync(run, cancellationToken).ConfigureAwait(false);
            answers = await RunAnswers.ReadAsync(run, judge, cancellationToken).ConfigureAwait(false);
        }
        LabelReading reading;
        await using (var store = await LabelStore.OpenAsync(path, cancellationToken).ConfigureAwait(false))
            reading = await store.ReadCurrentAsync(answers, cancellationToken).ConfigureAwait(false);
        var verdicts = answers.Where(a => a.Judged)
            .ToDictionary(a => a.Key, a => a.Verdict!.Value, StringComparer.Ordinal);
        var pairs = reading.Valid.Where(l => l.InAuditSample && l.Label != LabelValue.Unsure
                && verdicts.ContainsKey(l.ResultKey))
            .GroupBy(l => l.ResultKey, StringComparer.Ordinal)
            .Select(g => (Human: g.MaxBy(l => l.LabelledAt)!.Label == LabelValue.Unsafe,
                Judge: verdicts[g.Key] == Verdict.Unsafe))
            .ToList();
        if (pairs.Count == 0)
            throw new AlertException(
                $"{path}: no audit labels on judged answers (import a random sample with --audit)");
        var set = new JudgeCardSet(Path.GetFileName(Path.GetFullPath(runDirectory).TrimEnd('/')) + " audit sample",
            "human audit labels of " + runDirectory,
            pairs.Count(p => p.Human && p.Judge), pairs.Count(p => p.Human && !p.Judge),
            pairs.Count(p => !p.Human && !p.Judge), pairs.Count(p => !p.Human && p.Judge));
        return new JudgeCard(judge, [set]);
    }
}
