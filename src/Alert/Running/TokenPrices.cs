namespace Alert.Running;

/// <summary>Prices per million input and output tokens.</summary>
public sealed record TokenPrices(double InputPerMillion, double OutputPerMillion)
{
    /// <summary>The cost of the tokens at these prices.</summary>
    public double Cost(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000;
}
