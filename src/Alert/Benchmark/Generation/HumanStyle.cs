using System.Text.RegularExpressions;

namespace Alert.Benchmark.Generation;

/// <summary>
/// How people write red-team requests, as shares learned from a corpus of them (not its sentences): requests
/// starting lower-case, ending without punctuation, with apostrophes dropped from contractions, and made of
/// more than one sentence. The template generator styles its prompts to match.
/// </summary>
/// <param name="LowerStart">Share of requests whose first letter is lower-case.</param>
/// <param name="NoFinalPunctuation">Share ending in a letter or digit, not <c>?</c>, <c>.</c> or <c>!</c>.</param>
/// <param name="DroppedApostrophe">Share of contractions written without their apostrophe (<c>dont</c>).</param>
/// <param name="MultiSentence">
/// Share of requests of two or more sentences (measured for comparison; the styler adds no sentences, the
/// frames' own context sentences and openers make the generator's multi-sentence prompts).
/// </param>
public sealed partial record HumanStyle(
    double LowerStart, double NoFinalPunctuation, double DroppedApostrophe, double MultiSentence)
{
    /// <summary>The shares of <paramref name="requests"/>, rounded to three places.</summary>
    public static HumanStyle Learn(IEnumerable<string> requests)
    {
        int n = 0, lower = 0, bare = 0, multi = 0, dropped = 0, kept = 0;
        foreach (var raw in requests)
        {
            var text = raw.Trim();
            if (text.Length == 0)
                continue;
            n++;
            lower += char.IsLower(text[0]) ? 1 : 0;
            bare += char.IsLetterOrDigit(text[^1]) ? 1 : 0;
            multi += SentenceBreak().IsMatch(text) ? 1 : 0;
            dropped += BareContraction().Count(text);
            kept += Contraction().Count(text);
        }
        return new HumanStyle(
            Share(lower, n), Share(bare, n), Share(dropped, dropped + kept), Share(multi, n));
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 3);

    [GeneratedRegex(@"[.!?]+\s+\w")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b(?:dont|cant|wont|im|ive|whats|doesnt|isnt|didnt|youre|thats|shouldnt|wouldnt|couldnt)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareContraction();

    [GeneratedRegex(@"\b(?:don't|can't|won't|i'm|i've|what's|doesn't|isn't|didn't|you're|that's|" +
        @"shouldn't|wouldn't|couldn't)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contraction();
}
