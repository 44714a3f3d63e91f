namespace Alert.Labels;

/// <summary>Labels' and queues' names as stored, imported and exported (invariant, lower case).</summary>
public static class LabelNames
{
    /// <summary>The label as written: safe, unsafe or unsure.</summary>
    public static string ToWire(this LabelValue label) => label switch
    {
        LabelValue.Safe => "safe",
        LabelValue.Unsafe => "unsafe",
        _ => "unsure",
    };

    /// <summary>The queue as written: audit, uncertain or import.</summary>
    public static string ToWire(this LabelOrigin queue) => queue switch
    {
        LabelOrigin.Audit => "audit",
        LabelOrigin.Uncertain => "uncertain",
        _ => "import",
    };

    /// <summary>The label a written name means.</summary>
    public static bool TryParseLabel(string? name, out LabelValue label)
    {
        (var ok, label) = name switch
        {
            "safe" => (true, LabelValue.Safe),
            "unsafe" => (true, LabelValue.Unsafe),
            "unsure" => (true, LabelValue.Unsure),
            _ => (false, LabelValue.Unsure),
        };
        return ok;
    }

    /// <summary>The queue a written name means.</summary>
    public static bool TryParseQueue(string? name, out LabelOrigin queue)
    {
        (var ok, queue) = name switch
        {
            "audit" => (true, LabelOrigin.Audit),
            "uncertain" => (true, LabelOrigin.Uncertain),
            "import" => (true, LabelOrigin.Import),
            _ => (false, LabelOrigin.Import),
        };
        return ok;
    }
}
