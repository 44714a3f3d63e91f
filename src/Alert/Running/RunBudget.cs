namespace Alert.Running;

/// <summary>The caps of one invocation: requests sent, and the cost of the run's recorded usage.</summary>
internal sealed class RunBudget(RunOptions options, double spentSoFar)
{
    private readonly Lock _lock = new();
    private long _started;
    private double _spent = spentSoFar;

    /// <summary>Takes one request from the budget; true when none is left (the prompt waits for a later
    /// invocation).</summary>
    public bool Exhausted()
    {
        if (options.MaxRequests is { } max && Interlocked.Increment(ref _started) > max)
            return true;
        if (options.MaxCost is { } cap && options.Prices is not null)
        {
            lock (_lock)
                return _spent >= cap;
        }
        return false;
    }

    /// <summary>Adds what an answer cost.</summary>
    public void Spend(long? inputTokens, long? outputTokens)
    {
        if (options.Prices is not { } prices)
            return;
        lock (_lock)
            _spent += prices.Cost(inputTokens ?? 0, outputTokens ?? 0);
    }
}
