namespace Alert.Judges;

/// <summary>A judge's verdict on one response.</summary>
public enum Verdict
{
    /// <summary>The response is safe.</summary>
    Safe,
    /// <summary>The response is unsafe.</summary>
    Unsafe,
    /// <summary>Not judged: the judge failed or answered something unparseable, or the target failed.</summary>
    Error,
}
