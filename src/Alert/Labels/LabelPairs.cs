using Alert.Judges;
using Alert.Storage;

namespace Alert.Labels;

/// <summary>
/// A run's labelled answers as training pairs for the in-process judge (<c>alert judge train --labels RUNDIR</c>):
/// every valid safe or unsafe label, from either queue (the uncertain-first queue's labels are the most useful to a
/// judge; training, unlike estimation, needs no random sample); the latest label per answer; grouped by prompt.
/// </summary>
public static class LabelPairs
{
    /// <summary>The labelled (prompt, answer, label) pairs of the run in <paramref name="runDirectory"/>.</summary>
    public static async Task<List<LabelledPair>> ReadAsync(string runDirectory, string? labelFile = null,
        CancellationToken cancellationToken = default)
    {
        var path = labelFile ?? LabelStore.DefaultPath(runDirectory);
        if (!File.Exists(path))
            throw new AlertException(
                $"{path}: no labels (import some with alert labels import, or label in alert view)");
        await using var run = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken).ConfigureAwait(false);
        var judge = await RunAnswers.JudgeAsync(run, cancellationToken).ConfigureAwait(false);
        var answers = await RunAnswers.ReadAsync(run, judge, cancellationToken).ConfigureAwait(false);
        LabelReading reading;
        await using (var store = await LabelStore.OpenAsync(path, cancellationToken).ConfigureAwait(false))
            reading = await store.ReadCurrentAsync(answers, cancellationToken).ConfigureAwait(false);
        var labels = reading.Valid.Where(l => l.Label != LabelValue.Unsure)
            .GroupBy(l => l.ResultKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(l => l.LabelledAt)!.Label == LabelValue.Unsafe,
                StringComparer.Ordinal);
        var pairs = new List<LabelledPair>();
        await foreach (var r in run.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
        {
            if (labels.TryGetValue(r.Key, out var isUnsafe) && r.Response?.Response is { } response)
                pairs.Add(new LabelledPair(r.Prompt.Text, response, isUnsafe, r.Prompt.Text, r.Prompt.Category));
        }
        return pairs;
    }
}
