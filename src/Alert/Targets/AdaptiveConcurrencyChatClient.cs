using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Keeps the requests in flight to one server under a limit that adapts (AIMD): it starts at the
/// maximum, halves on an overload signal (429 or 503; at most once per round of requests), grows by
/// one per round of successes, and pauses new requests for as long as a <c>Retry-After</c> asked.
/// </summary>
public sealed class AdaptiveConcurrencyChatClient : DelegatingChatClient
{
    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly TimeProvider _time;
    private readonly int _max;
    private double _limit;
    private int _inFlight;
    private long _epoch;
    private DateTimeOffset _pausedUntil;

    public AdaptiveConcurrencyChatClient(IChatClient inner, int maxConcurrency, TimeProvider? time = null) : base(inner)
    {
        _max = Math.Max(1, maxConcurrency);
        _limit = _max;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The current limit (for progress lines and tests).</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
                return (int)_limit;
        }
    }

    /// <summary>How many times the limit was cut.</summary>
    public int Decreases { get; private set; }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var epoch = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            Release(epoch, null);
            return response;
        }
        catch (Exception e)
        {
            Release(epoch, e);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var epoch = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await using var e = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await e.MoveNextAsync().ConfigureAwait(false))
                        break;
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }
                yield return e.Current;
            }
        }
        finally
        {
            Release(epoch, failure);
        }
    }

    private async Task<long> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan pause;
            TaskCompletionSource? waiter = null;
            lock (_lock)
            {
                pause = _pausedUntil - _time.GetUtcNow();
                if (pause <= TimeSpan.Zero)
                {
                    if (_inFlight < (int)_limit)
                    {
                        _inFlight++;
                        return _epoch;
                    }
                    waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _waiters.Enqueue(waiter);
                }
            }
            if (waiter is null)
            {
                await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
            {
                try
                {
                    await waiter.Task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    lock (_lock)
                    {
                        // Granted and cancelled at the same moment: hand the slot back.
                        if (waiter.Task.IsCompletedSuccessfully)
                            _inFlight--;
                    }
                    throw;
                }
            }
            // The slot was handed over by Release (counted there); check the pause once more.
            lock (_lock)
            {
                if (_pausedUntil <= _time.GetUtcNow())
                    return _epoch;
                _inFlight--;
            }
        }
    }

    private void Release(long epoch, Exception? failure)
    {
        lock (_lock)
        {
            _inFlight--;
            if (failure is not null && TransientFaults.IsOverload(failure))
            {
                // Cut once per round: requests that started before the last cut saw the old limit.
                if (epoch == _epoch)
                {
                    _limit = Math.Max(1, _limit / 2);
                    _epoch++;
                    Decreases++;
                }
                if (TransientFaults.RetryAfter(failure, _time.GetUtcNow()) is { } wait && _time.GetUtcNow() + wait > _pausedUntil)
                    _pausedUntil = _time.GetUtcNow() + wait;
            }
            else if (failure is null)
            {
                _limit = Math.Min(_max, _limit + 1 / _limit);
            }
            while (_inFlight < (int)_limit && _waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                    _inFlight++;
            }
        }
    }
}
