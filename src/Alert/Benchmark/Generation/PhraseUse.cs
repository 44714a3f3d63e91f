using System.Text;

namespace Alert.Benchmark.Generation;

/// <summary>
/// How often a corpus of requests uses a phrase, counted on word boundaries with case, punctuation and apostrophes
/// ignored ("What's the best" and "whats the best" are one phrase). People say a request in a few ways far more
/// than the rest ("how can i" opens one human red-team request in ten); the styler draws its phrases in these shares.
/// </summary>
public sealed class PhraseUse
{
    // Each request's words between spaces, requests apart by a line break a phrase cannot match across.
    private readonly string _text;

    /// <summary>The phrase counts of <paramref name="requests"/>.</summary>
    public PhraseUse(IEnumerable<string> requests)
    {
        var sb = new StringBuilder(" ");
        foreach (var request in requests)
            sb.Append(BaseSetGenerator.NearDuplicateKey(request)).Append(" \n ");
        _text = sb.ToString();
    }

    /// <summary>How many times the requests use <paramref name="phrase"/>.</summary>
    public int Count(string phrase)
    {
        var key = BaseSetGenerator.NearDuplicateKey(phrase);
        if (key.Length == 0)
            return 0;
        key = " " + key + " ";
        var (count, at) = (0, 0);
        while ((at = _text.IndexOf(key, at, StringComparison.Ordinal)) >= 0)
        {
            count++;
            at += key.Length - 1;
        }
        return count;
    }
}
