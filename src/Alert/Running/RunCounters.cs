namespace Alert.Running;

/// <summary>What a run has done so far, counted by its stages from several threads at once.</summary>
internal sealed class RunCounters(int total, IProgress<RunProgress>? progress)
{
    private int _done, _requested, _judged, _targetErrors, _judgeErrors, _cached, _leftByBudget, _already, _empty;

    public void AlreadyDone() => Interlocked.Increment(ref _already);

    public void LeftByBudget() => Interlocked.Increment(ref _leftByBudget);

    public void Requested(bool cached)
    {
        Interlocked.Increment(ref _requested);
        if (cached)
            Interlocked.Increment(ref _cached);
    }

    /// <summary>A prompt whose request failed: done, with a target error.</summary>
    public void TargetFailed()
    {
        Interlocked.Increment(ref _targetErrors);
        Finished();
    }

    /// <summary>A prompt answered with nothing: done, not judged.</summary>
    public void EmptyAnswer()
    {
        Interlocked.Increment(ref _empty);
        Finished();
    }

    /// <summary>A prompt judged: done.</summary>
    public void Judged(bool error)
    {
        Interlocked.Increment(ref _judged);
        if (error)
            Interlocked.Increment(ref _judgeErrors);
        Finished();
    }

    public void Report() => progress?.Report(new RunProgress(
        total, Volatile.Read(ref _already) + Volatile.Read(ref _done), Volatile.Read(ref _requested),
        Volatile.Read(ref _judged), Volatile.Read(ref _targetErrors) + Volatile.Read(ref _judgeErrors)));

    public RunSummary ToSummary() =>
        new(total, _already, _requested, _judged, _targetErrors,
            _judgeErrors)
        { Cached = _cached, LeftByBudget = _leftByBudget, Empty = _empty };

    private void Finished()
    {
        Interlocked.Increment(ref _done);
        Report();
    }
}
