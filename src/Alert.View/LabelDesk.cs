using Alert.Labels;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.View;

/// <summary>
/// Labelling one run: its answers (read once, for their hashes and the queues), and its label store, written
/// only through <see cref="LabelStore"/>. One request at a time touches the store (one SQLite connection).
/// </summary>
internal sealed class LabelDesk(string runDirectory, string labelsPath, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The seed of the audit sample the view draws (stored with the sample, so it is drawn once).</summary>
    public const long AuditSeed = 2024;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private LabelStore? _store;
    private List<RunAnswer>? _answers;
    private Dictionary<string, RunAnswer>? _byKey;
    private string _judge = "";

    /// <summary>Where the labels are written.</summary>
    public string LabelsPath { get; } = labelsPath;

    /// <summary>The result keys of a queue, in order.</summary>
    public Task<IReadOnlyList<string>> QueueAsync(LabelOrigin queue, CancellationToken cancellationToken) =>
        LockedAsync<IReadOnlyList<string>>(async store => queue == LabelOrigin.Audit
            ? await store.AuditQueueAsync(_answers!, AuditSample.DefaultSize(_answers!.Count(a => a.Judged)),
                AuditSeed, cancellationToken).ConfigureAwait(false)
            : UncertainFirst.Order(_answers!, RunAnswers.Threshold(_judge)).Select(a => a.Key).ToList(),
            cancellationToken);

    /// <summary><paramref name="labeller"/>'s current labels that still match their answers, by result key.</summary>
    public Task<Dictionary<string, LabelValue>> LabelsOfAsync(string labeller, CancellationToken cancellationToken) =>
        LockedAsync(async store =>
        {
            var reading = await store.ReadCurrentAsync(_answers!, cancellationToken).ConfigureAwait(false);
            return reading.Valid.Where(l => l.Labeller == labeller)
                .ToDictionary(l => l.ResultKey, l => l.Label, StringComparer.Ordinal);
        }, cancellationToken);

    /// <summary>
    /// Stores a label on the answer as it is now (its hash); false when the run has no answer with that key to label.
    /// </summary>
    public Task<bool> LabelAsync(string key, LabelValue label, string labeller, LabelOrigin queue,
        CancellationToken cancellationToken) =>
        LockedAsync(async store =>
        {
            if (!_byKey!.TryGetValue(key, out var answer) || answer.AnswerSha256 is null)
                return false;
            var inSample = queue == LabelOrigin.Audit
                && (await store.ReadAuditSampleAsync(cancellationToken).ConfigureAwait(false)).Contains(key);
            await store.AddAsync(new HumanLabel(key, answer.AnswerSha256, label, labeller, queue, inSample,
                time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Takes back <paramref name="labeller"/>'s latest label: the key it was on, else null.</summary>
    public Task<string?> UndoAsync(string labeller, CancellationToken cancellationToken) =>
        LockedAsync(async store =>
            (await store.UndoLastAsync(labeller, cancellationToken).ConfigureAwait(false))?.ResultKey,
            cancellationToken);

    /// <summary>
    /// The human-audited estimate from the labels as they are now (<see cref="HumanAuditedScore"/>); null without a
    /// label file or a valid audit-sample label. A run nobody labelled is not read for it.
    /// </summary>
    public async Task<HumanAuditedScore?> AuditedAsync(CancellationToken cancellationToken)
    {
        if (_store is null && !File.Exists(LabelsPath))
            return null;
        return await LockedAsync(async store =>
        {
            var reading = await store.ReadCurrentAsync(_answers!, cancellationToken).ConfigureAwait(false);
            var audited = HumanAudit.Combine(_answers!, reading.Valid);
            return audited.Any(a => a.HumanUnsafe is not null)
                ? HumanAuditedScore.Estimate(audited, LabellerAgreement.Compute(reading.Valid))
                    with
                { StaleLabels = reading.Stale.Count }
                : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> LockedAsync<T>(Func<LabelStore, Task<T>> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_store is null)
            {
                var run = await RunStore.OpenReadOnlyAsync(runDirectory, cancellationToken).ConfigureAwait(false);
                await using (run.ConfigureAwait(false))
                {
                    _judge = await RunAnswers.JudgeAsync(run, cancellationToken).ConfigureAwait(false);
                    _answers = await RunAnswers.ReadAsync(run, _judge, cancellationToken).ConfigureAwait(false);
                }
                _byKey = _answers.ToDictionary(a => a.Key, StringComparer.Ordinal);
                _store = await LabelStore.OpenAsync(LabelsPath, cancellationToken).ConfigureAwait(false);
            }
            return await work(_store).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
