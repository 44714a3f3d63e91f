namespace Alert.Judges;

/// <summary>The verdicts' names as stored and printed (invariant).</summary>
public static class VerdictNames
{
    /// <summary>The verdict as stored: safe, unsafe or error.</summary>
    public static string ToWire(this Verdict v) => v switch
    {
        Verdict.Safe => "safe",
        Verdict.Unsafe => "unsafe",
        _ => "error",
    };

    /// <summary>The verdict a stored name means.</summary>
    public static bool TryParse(string? s, out Verdict verdict)
    {
        (var ok, verdict) = s switch
        {
            "safe" => (true, Verdict.Safe),
            "unsafe" => (true, Verdict.Unsafe),
            "error" => (true, Verdict.Error),
            _ => (false, Verdict.Error),
        };
        return ok;
    }
}
