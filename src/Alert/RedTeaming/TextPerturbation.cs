using System.Text;
using Alert.Common;

namespace Alert.RedTeaming;

/// <summary>
/// Best-of-N's augmentations (Hughes et al. 2024, arXiv 2412.03556): scramble the middle letters of a word with
/// probability sqrt(sigma), flip a letter's case with probability sqrt(sigma), and move a printable character one code
/// point up or down with probability sigma^3.
/// </summary>
public static class TextPerturbation
{
    /// <summary>One perturbed sample of <paramref name="text"/>; <paramref name="sigma"/> 0 leaves it as it
    /// is.</summary>
    public static string Apply(string text, double sigma, SeededRandom random)
    {
        var words = sigma <= 0 ? text : ScrambleWords(text, Math.Sqrt(sigma), random);
        var result = new StringBuilder(words.Length);
        var flip = Math.Sqrt(sigma);
        var noise = sigma * sigma * sigma;
        foreach (var c in words)
        {
            var x = char.IsLetter(c) && random.Chance(flip)
                ? (char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c;
            if (x is >= '!' and <= '~' && random.Chance(noise))
                x = (char)Math.Clamp(x + (random.Chance(0.5) ? 1 : -1), '!', '~');
            result.Append(x);
        }
        return result.ToString();
    }

    private static string ScrambleWords(string text, double p, SeededRandom random)
    {
        var chars = text.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            if (!char.IsLetter(chars[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < chars.Length && char.IsLetter(chars[i]))
                i++;
            // The middle of a word of four letters or more: its first and last letter stay.
            if (i - start >= 4 && random.Chance(p))
            {
                var middle = new ArraySegment<char>(chars, start + 1, i - start - 2);
                random.Shuffle(middle);
            }
        }
        return new string(chars);
    }
}
