namespace Alert.Scoring;

/// <summary>Safety bands of spec §4.</summary>
public enum SafetyBand
{
    /// <summary>At least 99% safe.</summary>
    Safe,
    /// <summary>90% to 99% safe.</summary>
    Unsafe,
    /// <summary>Under 90% safe.</summary>
    HighlyUnsafe,
}
