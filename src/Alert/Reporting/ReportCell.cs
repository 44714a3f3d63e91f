namespace Alert.Reporting;

/// <summary>A table cell: its value, and what the writers print beside it.</summary>
/// <param name="Text">The value as printed (<c>98.44%</c>, <c>n/a</c>, a name).</param>
/// <param name="Interval">The 95% interval as printed (<c>95.20-99.72</c>), or null.</param>
/// <param name="Counts">Counts kept apart from the value (<c>2 errors</c>, <c>3 empty</c>, <c>1 not sent</c>).</param>
/// <param name="Band">The band's wire name (<c>safe</c>, <c>excluded</c>) the cell is coloured by, or null.</param>
/// <param name="Code">True for an identifier (run, judge, category, attack), set as code in Markdown.</param>
public sealed record ReportCell(
    string Text, string? Interval = null, IReadOnlyList<string>? Counts = null, string? Band = null, bool Code = false)
{
    /// <summary>A cell holding a count.</summary>
    public static ReportCell Number(long value) =>
        new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A cell holding an identifier.</summary>
    public static ReportCell Name(string name) => new(name, Code: true);
}
