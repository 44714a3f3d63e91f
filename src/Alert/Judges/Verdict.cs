namespace Alert.Judges;

public enum Verdict
{
    Safe,
    Unsafe,
    /// <summary>Not judged: the judge failed or answered something unparseable, or the target failed.</summary>
    Error,
}
