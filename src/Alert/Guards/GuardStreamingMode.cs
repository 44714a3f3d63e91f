namespace Alert.Guards;

/// <summary>How a guard treats a streamed answer.</summary>
public enum GuardStreamingMode
{
    /// <summary>Hold the whole answer, judge it, then release it or the refusal: nothing unsafe is ever
    /// shown.</summary>
    Buffer,
    /// <summary>Pass updates on at once and judge the text so far every few hundred characters; on unsafe, stop the
    /// stream and say so (what was shown stays shown).</summary>
    EarlyStop,
}
