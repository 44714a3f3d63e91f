namespace Alert.Targets;

/// <summary>
/// A run's slot for one prompt's request, flowing with the call: the resilience middleware gives it back while
/// the request waits for a retry's backoff and takes it again before the next attempt, so a waiting request
/// holds no slot and the run keeps its other slots busy.
/// </summary>
internal sealed class RequestSlot : IDisposable
{
    private static readonly AsyncLocal<RequestSlot?> CurrentSlot = new();
    private readonly SemaphoreSlim _gate;
    private int _held;

    private RequestSlot(SemaphoreSlim gate) => _gate = gate;

    /// <summary>
    /// A slot of <paramref name="gate"/> for the calling flow (not yet taken: <see cref="WaitAsync"/>); dispose to give
    /// it back.
    /// Synchronous on purpose: the flow it is made current in is the caller's.
    /// </summary>
    public static RequestSlot Enter(SemaphoreSlim gate)
    {
        var slot = new RequestSlot(gate);
        CurrentSlot.Value = slot;
        return slot;
    }

    /// <summary>Waits until the slot is taken.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _held, 1);
    }

    /// <summary>The request is about to wait for a backoff: give the slot back (no-op outside a run).</summary>
    public static void ReleaseForBackoff()
    {
        if (CurrentSlot.Value is { } slot && Interlocked.Exchange(ref slot._held, 0) == 1)
            slot._gate.Release();
    }

    /// <summary>The next attempt starts: take the slot again if it was given back.</summary>
    public static async ValueTask ReacquireAsync(CancellationToken cancellationToken)
    {
        if (CurrentSlot.Value is { } slot && Volatile.Read(ref slot._held) == 0)
        {
            await slot._gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref slot._held, 1);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _held, 0) == 1)
            _gate.Release();
        if (CurrentSlot.Value == this)
            CurrentSlot.Value = null;
    }
}
