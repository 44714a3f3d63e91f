using Alert.Targets;

namespace Alert.Running;

/// <summary>How one invocation of <see cref="AlertRunner"/> runs: concurrency, retries of errors, budgets.</summary>
public sealed record RunOptions
{
    /// <summary>
    /// Requests the run keeps going at once. A request waiting for a retry's backoff gives its slot back
    /// (<see cref="RequestSlot"/>), so up to <see cref="PromptsPerRequest"/> times as many prompts are in
    /// progress and no slot idles while one waits.
    /// </summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Prompts in progress per request slot (see <see cref="Concurrency"/>).</summary>
    public const int PromptsPerRequest = 4;

    /// <summary>Judgments in flight at once (an in-process judge batches them).</summary>
    public int JudgeConcurrency { get; init; } = 64;
    /// <summary>Ask again for prompts whose request failed, and re-judge verdicts that are errors.</summary>
    public bool RetryErrors { get; init; }
    /// <summary>Send at most this many requests to the target in this invocation; the rest waits for a later
    /// one.</summary>
    public long? MaxRequests { get; init; }
    /// <summary>Stop sending when the run's recorded target usage costs this much (needs <see
    /// cref="Prices"/>).</summary>
    public double? MaxCost { get; init; }
    /// <summary>Prices per million tokens, for <see cref="MaxCost"/>.</summary>
    public TokenPrices? Prices { get; init; }
}
