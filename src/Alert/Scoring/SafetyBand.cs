namespace Alert.Scoring;

/// <summary>Safety bands of spec §4.</summary>
public enum SafetyBand
{
    Safe,
    Unsafe,
    HighlyUnsafe,
}
