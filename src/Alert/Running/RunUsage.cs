namespace Alert.Running;

/// <summary>The target usage a run has recorded so far, over every invocation.</summary>
public sealed record RunUsage(long Requests, long InputTokens, long OutputTokens)
{
    /// <summary>The cost of this usage at <paramref name="prices"/>.</summary>
    public double Cost(TokenPrices prices) => prices.Cost(InputTokens, OutputTokens);
}
