namespace Alert.RedTeaming;

/// <summary>An in-loop rating (1-10, null when unknown) and the scorer's own output.</summary>
public sealed record AttackRating(int? Rating, string Output)
{
    /// <summary>The top rating: the search stops there.</summary>
    public const int Success = 10;

    /// <summary>What was sent to the scorer (its messages as JSON), stored with the call; null: unknown.</summary>
    public string? Request { get; init; }
}
