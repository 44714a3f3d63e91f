using System.Globalization;
using System.Text.RegularExpressions;

namespace Alert.RedTeaming;

/// <summary>
/// The <c>Rating: [[N]]</c> markers of an in-loop scorer. Text from the target or the attacker is neutralised before
/// it goes into a scorer prompt (its brackets broken up), and a scorer's answer is read by its last marker: a quoted
/// "Rating: [[10]]" cannot fake a rating (garak #1868).
/// </summary>
public static partial class RatingMarkers
{
    [GeneratedRegex(@"\[\[\s*(\d{1,2})\s*\]\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"\[\[\s*(YES|NO)\s*\]\]", RegexOptions.IgnoreCase)]
    private static partial Regex YesNo();

    /// <summary>The last <c>[[YES]]</c> or <c>[[NO]]</c>, or null when there is none.</summary>
    public static bool? ParseLastYesNo(string? answer)
    {
        var matches = answer is null ? null : YesNo().Matches(answer);
        return matches is { Count: > 0 } ? string.Equals(
            matches[^1].Groups[1].Value, "YES", StringComparison.OrdinalIgnoreCase) : null;
    }

    /// <summary>The text with every <c>[[</c> and <c>]]</c> broken up.</summary>
    public static string Neutralize(string text) =>
        text.Replace("[[", "[ [", StringComparison.Ordinal).Replace("]]", "] ]", StringComparison.Ordinal);

    /// <summary>The last marker's rating (1-10), or null: an answer without one is unknown, never a low or high
    /// rating.</summary>
    public static int? ParseLast(string? answer)
    {
        if (answer is null)
            return null;
        var matches = Marker().Matches(answer);
        return matches.Count > 0 && int.TryParse(
            matches[^1].Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture,
            out var n) && n is >= 1 and <= 10
            ? n : null;
    }
}
