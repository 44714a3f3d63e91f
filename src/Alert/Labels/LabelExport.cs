using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Storage;

namespace Alert.Labels;

/// <summary>
/// <c>alert labels export</c>: every labeller's current label as JSON Lines (<c>id</c>, <c>label</c>,
/// <c>labeller</c>, <c>queue</c>, <c>audit</c>, <c>answer_sha256</c>, <c>labelled_at</c>, and <c>valid</c>: false
/// when the answer changed since), in the order given; <c>alert labels import</c> reads the file back.
/// </summary>
public static class LabelExport
{
    /// <summary>The run's labels as export rows.</summary>
    public static async Task<List<JsonObject>> RowsAsync(string runDirectory, string? labelFile,
        CancellationToken cancellationToken = default)
    {
        var path = labelFile ?? LabelStore.DefaultPath(runDirectory);
        if (!File.Exists(path))
            throw new AlertException(
                $"{path}: no labels (import some with alert labels import, or label in alert view)");
        List<RunAnswer> answers;
        await using (var run = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken).ConfigureAwait(false))
        {
            var judge = await RunAnswers.JudgeAsync(run, cancellationToken).ConfigureAwait(false);
            answers = await RunAnswers.ReadAsync(run, judge, cancellationToken).ConfigureAwait(false);
        }
        await using var store = await LabelStore.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        var reading = await store.ReadCurrentAsync(answers, cancellationToken).ConfigureAwait(false);
        var stale = reading.Stale.ToHashSet();
        return (await store.ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(l => new JsonObject
        {
            ["id"] = l.ResultKey,
            ["label"] = l.Label.ToWire(),
            ["labeller"] = l.Labeller,
            ["queue"] = l.Queue.ToWire(),
            ["audit"] = l.InAuditSample,
            ["answer_sha256"] = l.AnswerSha256,
            ["labelled_at"] = l.LabelledAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["valid"] = !stale.Contains(l),
        }).ToList();
    }

    /// <summary>Writes the rows to <paramref name="path"/> atomically.</summary>
    public static async Task WriteAsync(IReadOnlyList<JsonObject> rows, string path)
    {
        await using var writer = new AtomicJsonlWriter(path);
        foreach (var row in rows)
            await writer.WriteAsync(row).ConfigureAwait(false);
        await writer.CommitAsync().ConfigureAwait(false);
    }
}
