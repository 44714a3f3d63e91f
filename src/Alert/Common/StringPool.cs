namespace Alert.Common;

/// <summary>
/// One instance of each distinct string seen: values that repeat on every row of a large run (category, attack,
/// language) are kept once instead of once per row.
/// </summary>
internal sealed class StringPool
{
    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/>.</summary>
    public string Get(string value)
    {
        if (_strings.TryGetValue(value, out var pooled))
            return pooled;
        _strings.Add(value);
        return value;
    }

    /// <summary>As <see cref="Get"/>, passing null through.</summary>
    public string? GetOrNull(string? value) => value is null ? null : Get(value);
}
