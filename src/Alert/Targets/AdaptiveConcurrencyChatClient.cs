using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>
/// Keeps the requests in flight to one server under a limit that adapts to "slow down" and only to it. The
/// limit starts at the maximum. It is cut by a fifth when the server is overloaded: at least
/// <see cref="OverloadShare"/> of the last <see cref="Window"/> answers were 429 or 503 (a steady few percent
/// of overload codes that do not depend on load, or a passing 5xx, cut nothing), and at most once per episode:
/// after a cut the window starts afresh. It grows by about one per round of answers while the window is quiet
/// (overload below half that share). A <c>Retry-After</c> pauses the server only together with a cut; a lone
/// one is the waiting request's business (its retry waits, holding no slot here).
/// </summary>
public sealed class AdaptiveConcurrencyChatClient : DelegatingChatClient
{
    /// <summary>Answers the overload share is measured over.</summary>
    public const int Window = 50;

    /// <summary>The share of overload answers in the window that means "slow down".</summary>
    public const double OverloadShare = 0.2;

    /// <summary>The factor of a cut (inspect_ai's, applied only to real overload).</summary>
    public const double CutFactor = 0.8;

    private const int MinWindow = 10;
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    // Hedges wait ahead of first attempts: their request is already at the server, slow.
    private readonly Queue<TaskCompletionSource> _hedges = new();
    private readonly bool[] _overloads = new bool[Window];
    private readonly TimeProvider _time;
    private readonly TargetHealth? _health;
    private readonly string _server;
    private readonly int _max;
    private double _limit;
    private int _inFlight;
    private int _seen;
    private int _next;
    private int _overloadCount;
    private DateTimeOffset _pausedUntil;

    /// <summary>Limits <paramref name="inner"/> to at most <paramref name="maxConcurrency"/> requests, adapting below
    /// it; <paramref name="server"/> names it in <paramref name="health"/>.</summary>
    public AdaptiveConcurrencyChatClient(IChatClient inner, int maxConcurrency, TimeProvider? time = null,
        TargetHealth? health = null, string server = "default")
        : base(inner)
    {
        _max = Math.Max(1, maxConcurrency);
        _limit = _max;
        _time = time ?? TimeProvider.System;
        _health = health;
        _server = server;
        _health?.RecordLimit(_server, _max);
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

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            Release(null);
            return response;
        }
        catch (Exception e)
        {
            Release(e);
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options =
            null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await using var e = base.GetStreamingResponseAsync(messages, options, cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
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
            Release(failure);
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
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
                        AttemptScope.MarkStarted();
                        return;
                    }
                    waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    (AttemptScope.Current is { IsHedge: true } ? _hedges : _waiters).Enqueue(waiter);
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
                            ReleaseSlot();
                    }
                    throw;
                }
            }
            // The slot was handed over by Release (counted there); check the pause once more.
            lock (_lock)
            {
                if (_pausedUntil <= _time.GetUtcNow())
                {
                    AttemptScope.MarkStarted();
                    return;
                }
                ReleaseSlot();
            }
        }
    }

    /// <summary>How long the slot of a cancelled request stays taken: the server sees the connection go a moment
    /// later.</summary>
    public static readonly TimeSpan CancelledSlotGrace = TimeSpan.FromMilliseconds(100);

    private void Release(Exception? failure)
    {
        // A request cancelled by its caller (a hedge that lost, a timeout, a stopped run) says nothing about the
        // server, and its slot is handed back a moment later.
        if (failure is OperationCanceledException)
        {
            _ = ReleaseLaterAsync();
            return;
        }
        lock (_lock)
        {
            Observe(failure is not null && TransientFaults.IsOverload(failure), failure);
            ReleaseSlot();
        }
    }

    private async Task ReleaseLaterAsync()
    {
        await Task.Delay(CancelledSlotGrace, _time).ConfigureAwait(false);
        lock (_lock)
            ReleaseSlot();
    }

    private void Observe(bool overload, Exception? failure)
    {
        if (_seen == Window)
            _overloadCount -= _overloads[_next] ? 1 : 0;
        else
            _seen++;
        _overloads[_next] = overload;
        _overloadCount += overload ? 1 : 0;
        _next = (_next + 1) % Window;
        var share = (double)_overloadCount / _seen;
        var before = (int)_limit;
        if (overload && _seen >= MinWindow && share >= OverloadShare)
        {
            _limit = Math.Max(1, _limit * CutFactor);
            Decreases++;
            // A new episode: the next cut needs a window of answers at the new limit.
            Array.Clear(_overloads);
            _seen = _next = _overloadCount = 0;
            if (TransientFaults.RetryAfter(failure, _time.GetUtcNow()) is { } wait && _time.GetUtcNow()
                + wait > _pausedUntil)
                _pausedUntil = _time.GetUtcNow() + wait;
        }
        else if (failure is null && share < OverloadShare / 2)
        {
            _limit = Math.Min(_max, _limit + 1 / _limit);
        }
        if ((int)_limit != before)
            _health?.RecordLimit(_server, (int)_limit);
    }

    private void ReleaseSlot()
    {
        _inFlight--;
        while (_inFlight < (int)_limit && (_hedges.TryDequeue(out var next) || _waiters.TryDequeue(out next)))
        {
            if (next.TrySetResult())
                _inFlight++;
        }
    }
}
