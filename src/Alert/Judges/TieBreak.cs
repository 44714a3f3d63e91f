namespace Alert.Judges;

/// <summary>How an ensemble settles a tie.</summary>
public enum TieBreak
{
    /// <summary>A tie is an error verdict.</summary>
    Error,
    /// <summary>A tie is safe.</summary>
    Safe,
    /// <summary>A tie is unsafe.</summary>
    Unsafe,
}
