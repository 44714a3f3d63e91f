namespace Alert.Judges;

public static class VerdictNames
{
    public static string ToWire(this Verdict v) => v switch
    {
        Verdict.Safe => "safe",
        Verdict.Unsafe => "unsafe",
        _ => "error",
    };

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
