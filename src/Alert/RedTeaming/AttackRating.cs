namespace Alert.RedTeaming;

/// <summary>An in-loop rating (1-10, null when unknown) and the scorer's own output.</summary>
public sealed record AttackRating(int? Rating, string Output)
{
    /// <summary>The top rating: the search stops there.</summary>
    public const int Success = 10;
}
