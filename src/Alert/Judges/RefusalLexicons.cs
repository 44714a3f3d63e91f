using System.Text;

namespace Alert.Judges;

/// <summary>
/// The refusal phrase lists of languages other than English (<c>data/judges/refusal-phrases-LANG.txt</c> for the
/// refusal judge, <c>refusal-detector-LANG.txt</c> for the detector): the five M-ALERT languages have them.
/// </summary>
public static class RefusalLexicons
{
    /// <summary>The languages besides English with refusal phrases of their own.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["fr", "de", "es", "it"];

    /// <summary>The judge's phrase list for <paramref name="lang"/>, or null for a language without one.</summary>
    public static string? JudgePath(string lang) =>
        Languages.Contains(lang, StringComparer.Ordinal) ? $"judges/refusal-phrases-{lang}.txt" : null;

    /// <summary>The detector's lexicon for <paramref name="lang"/>, or null for a language without one.</summary>
    public static string? DetectorPath(string lang) =>
        Languages.Contains(lang, StringComparer.Ordinal) ? $"judges/refusal-detector-{lang}.txt" : null;

    /// <summary>
    /// Text as the lists are written: trimmed, lower case, straight quotes, composed accents (an answer may spell
    /// "é" as e and a combining accent).
    /// </summary>
    public static string Normalize(string s) =>
        s.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');
}
