namespace Alert.Judges;

/// <summary>How an ensemble settles a tie.</summary>
public enum TieBreak
{
    Error,
    Safe,
    Unsafe,
}
