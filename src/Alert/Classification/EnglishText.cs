namespace Alert.Classification;

/// <summary>
/// A cheap, deterministic guess whether a text is English, for the classifiers that read English only (the
/// in-process one's keywords, exemplars and training data are English): a text mostly in letters outside A-Z (another
/// script, or heavy accents) is not, and in Latin script the common short words of English are weighed against those
/// of French, German, Spanish, Italian, Portuguese and Dutch. No model, no dictionary file: a guess for a warning,
/// never a label.
/// </summary>
public static class EnglishText
{
    /// <summary>Above this share of letters outside A-Z a text is taken as another script (accents in French or German
    /// stay far below it).</summary>
    public const double MaxOtherLetterShare = 0.3;

    // Function words, not content words: every English sentence of a few words has one. Words that are also English
    // (die, come, pour, per, comment, man, non, in, a) are left out of the other list.
    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "at", "is", "are", "was", "were", "be", "been",
        "how", "what", "why", "where", "who", "which", "when", "i", "you", "he", "she", "it", "we", "they", "me",
        "my", "your", "his", "her", "our", "their", "this", "that", "these", "those", "for", "with", "without",
        "from", "by", "about", "can", "could", "would", "should", "will", "do", "does", "did", "not", "if",
        "there", "have", "has", "get", "make", "some", "any", "all", "so", "as", "into", "tell", "give", "please",
        "someone", "something", "way", "best",
    };

    private static readonly HashSet<string> Other = new(StringComparer.Ordinal)
    {
        // French
        "le", "la", "les", "des", "est", "et", "une", "un", "du", "que", "qui", "dans", "pas", "je", "vous", "nous",
        "sur", "avec", "mon", "ma", "mes", "ce", "cette", "faire", "à", "où", "être", "peux", "puis",
        // German
        "der", "das", "und", "ist", "nicht", "ich", "wie", "ein", "eine", "einen", "mit", "zu", "für", "auf",
        "kann", "wir", "sie", "mein", "meine", "von", "dem", "den", "ohne", "über", "jemanden",
        // Spanish and Portuguese
        "el", "los", "las", "es", "y", "por", "para", "qué", "cómo", "una", "del", "mi", "puedo", "sin", "se", "lo",
        "não", "um", "uma", "em", "os", "como", "eu", "você", "posso", "é",
        // Italian
        "il", "di", "che", "è", "sono", "gli", "della", "io", "questo", "senza",
        // Dutch
        "het", "een", "van", "ik", "niet", "wat", "kan", "zonder", "mijn",
    };

    /// <summary>
    /// Whether <paramref name="text"/> looks English. A text with no letters (or too few words to tell) counts as
    /// English: the guess only flags what it has evidence against.
    /// </summary>
    public static bool IsLikelyEnglish(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int letters = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
                continue;
            letters++;
            if (c is not (>= 'a' and <= 'z' or >= 'A' and <= 'Z'))
                other++;
        }
        if (letters == 0)
            return true;
        if ((double)other / letters > MaxOtherLetterShare)
            return false;
        int english = 0, foreign = 0;
        foreach (var word in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (English.Contains(word))
                english++;
            else if (Other.Contains(word))
                foreign++;
        }
        // Two other-language words outweighing the English ones, or one with no English word at all.
        return !(foreign > english && (foreign >= 2 || english == 0));
    }

    private static readonly char[] Separators =
        [' ', '\t', '\n', '\r', '.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']', '-', '/', '¿', '¡', '«',
            '»', '’', '“', '”'];
}
