namespace Alert.Running;

/// <summary>
/// How close a back-translation is to the original: the cosine of their character-trigram counts (lower case,
/// whitespace collapsed), from 0 (nothing shared) to 1 (the same text). Cheap, deterministic and language-neutral.
/// </summary>
public static class RoundTripSimilarity
{
    /// <summary>The similarity of <paramref name="original"/> and <paramref name="backTranslation"/>.</summary>
    public static double Compute(string original, string backTranslation)
    {
        var a = Trigrams(original);
        var b = Trigrams(backTranslation);
        if (a.Count == 0 || b.Count == 0)
            return a.Count == b.Count ? 1 : 0;
        double dot = 0;
        foreach (var (gram, count) in a)
            dot += count * (double)b.GetValueOrDefault(gram);
        return dot / (Norm(a) * Norm(b));
    }

    private static double Norm(Dictionary<string, int> counts) =>
        Math.Sqrt(counts.Values.Sum(c => (double)c * c));

    private static Dictionary<string, int> Trigrams(string text)
    {
        var words = text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var padded = " " + string.Join(' ', words) + " ";
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            var gram = padded.Substring(i, 3);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }
}
