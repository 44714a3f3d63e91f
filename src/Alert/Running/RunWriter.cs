using System.Threading.Channels;
using Alert.Storage;

namespace Alert.Running;

/// <summary>
/// The one writer of a run: responses and verdicts from every stage, committed in batches (what is queued now, so a
/// quiet run commits each result at once and a busy one in large transactions). A response's sender may wait for its
/// commit.
/// </summary>
internal sealed class RunWriter
{
    private const int MaxBatch = 1024;
    private readonly Channel<Write> _queue = Channel.CreateBounded<Write>(
        new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Task _loop;

    public RunWriter(RunStore store, TimeProvider time) => _loop =
        Task.Run(() => LoopAsync(store, time), CancellationToken.None);

    /// <summary>Queues a response; the task completes once it is committed (or fails with the commit).</summary>
    public async Task CommitAsync(StoredResponse response, CancellationToken cancellationToken)
    {
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Write(response, null, committed), cancellationToken).ConfigureAwait(false);
        await committed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a verdict.</summary>
    public ValueTask WriteAsync(StoredVerdict verdict, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(new Write(null, verdict, null), cancellationToken);

    /// <summary>Commits what is queued and stops.</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _loop;
    }

    private async Task LoopAsync(RunStore store, TimeProvider time)
    {
        var responses = new List<StoredResponse>();
        var verdicts = new List<StoredVerdict>();
        var commits = new List<TaskCompletionSource>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (responses.Count + verdicts.Count < MaxBatch && reader.TryRead(out var write))
            {
                if (write.Response is { } response)
                    responses.Add(response);
                if (write.Verdict is { } verdict)
                    verdicts.Add(verdict);
                if (write.Committed is { } committed)
                    commits.Add(committed);
            }
            try
            {
                await store.WriteBatchAsync(responses, verdicts, time.GetUtcNow()).ConfigureAwait(false);
                commits.ForEach(c => c.TrySetResult());
            }
            catch (Exception e)
            {
                commits.ForEach(c => c.TrySetException(e));
                throw;
            }
            responses.Clear();
            verdicts.Clear();
            commits.Clear();
        }
    }

    private readonly record struct Write(StoredResponse? Response, StoredVerdict? Verdict,
        TaskCompletionSource? Committed);
}
