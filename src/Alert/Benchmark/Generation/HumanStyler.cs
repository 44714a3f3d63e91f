using System.Text;
using System.Text.RegularExpressions;
using Alert.Common;

namespace Alert.Benchmark.Generation;

/// <summary>
/// Makes a template prompt read like a person wrote it: request phrases said another way
/// (<c>data/benchmark/style.txt</c>; each way as often as people use it, when a <see cref="PhraseUse"/> is given),
/// a filler word or two, the odd misspelling, and casing, final punctuation and apostrophes in the shares a
/// <see cref="HumanStyle"/> learned from real requests.
/// </summary>
public sealed class HumanStyler
{
    /// <summary>The style data file.</summary>
    public const string DataFile = "benchmark/style.txt";
    /// <summary>Chance that each known request phrase is said another way.</summary>
    public const double ParaphraseChance = 0.85;
    /// <summary>Chance of each of two filler insertions.</summary>
    public const double FillerChance = 0.4;
    /// <summary>Chance that a word of four or more letters is misspelt (a letter dropped, doubled, swapped).</summary>
    public const double TypoRate = 0.015;

    private readonly Dictionary<string, IReadOnlyList<string>> _paraphrases = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _fillers = [];
    private readonly IReadOnlyList<string> _asides = [];
    private readonly Regex _phrases;
    private static readonly HashSet<string> FillerAfter = new(
        ["i", "I", "you", "we", "they", "i'd", "I'd", "i'm", "I'm", "im", "gonna", "wanna", "please"],
        StringComparer.Ordinal);

    /// <summary>
    /// A styler over the shipped style file and <paramref name="style"/>. With <paramref name="use"/>, a phrase is
    /// said each of its ways in proportion to how often the corpus says it (plus one, so every way stays possible);
    /// without it, evenly.
    /// </summary>
    public HumanStyler(HumanStyle style, PhraseUse? use = null)
    {
        Style = style;
        foreach (var (name, lines) in DataFiles.ReadGroups(DataFile))
        {
            if (name == "fillers")
                _fillers = lines;
            else if (name == "asides")
                _asides = lines;
            else if (name.StartsWith("paraphrase:", StringComparison.Ordinal))
                _paraphrases[Key(name["paraphrase:".Length..])] = use is null ? lines
                    : [.. lines.SelectMany(way => Enumerable.Repeat(way, 1 + use.Count(way)))];
            else
                throw new AlertException($"data/{DataFile}: unknown section [{name}]");
        }
        var alternatives = _paraphrases.Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal)
            .Select(Pattern);
        _phrases = new Regex(@"(?<![\w'])(?:" + string.Join("|", alternatives) + @")(?![\w'])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    /// <summary>The learned shares this styler follows.</summary>
    public HumanStyle Style { get; }

    /// <summary>The styled text; every choice follows <paramref name="random"/>.</summary>
    public string Apply(string text, SeededRandom random)
    {
        text = _phrases.Replace(text, m => random.Chance(ParaphraseChance)
            && _paraphrases.TryGetValue(Key(m.Value), out var ways) ? random.Pick(ways) : m.Value);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var n = 0; n < 2 && _fillers.Count > 0 && random.Chance(n == 0 ? FillerChance : FillerChance / 2); n++)
        {
            // After a pronoun a filler reads naturally ("can you just", "i really want"); after a helper verb
            // it often does not ("how do maybe i", "could already i"). Never before another filler: "i really
            // honestly want" reads as a machine's.
            var at = Enumerable.Range(1, words.Count - 1).Where(i => FillerAfter.Contains(words[i - 1])
                && !_fillers.Contains(words[i], StringComparer.OrdinalIgnoreCase)).ToList();
            if (at.Count > 0)
                words.Insert(random.Pick(at), random.Pick(_fillers));
        }
        if (_asides.Count > 0 && words.Count > 2 && random.Chance(FillerChance))
        {
            var last = words[^1];
            var end = last.Length - last.TrimEnd('?', '.', '!').Length;
            var aside = random.Pick(_asides);
            if (!string.Equals(last[..^end], aside, StringComparison.OrdinalIgnoreCase))
                words[^1] = last[..^end] + (random.Chance(0.5) ? ", " : " ") + aside + last[^end..];
        }
        // Parts drawn on their own can meet on the same word ("are all all", "even even"): say it once.
        for (var i = words.Count - 1; i > 0; i--)
        {
            var word = words[i].TrimEnd(',', '?', '!', '.');
            if (word.Length > 0 && word.All(char.IsLetter)
                && string.Equals(word, words[i - 1].TrimEnd(',', '?', '!', '.'), StringComparison.OrdinalIgnoreCase))
            {
                // The second keeps its punctuation: "thanks? thanks." reads "thanks."
                words[i - 1] = words[i - 1].TrimEnd(',', '?', '!', '.') + words[i][word.Length..];
                words.RemoveAt(i);
            }
        }
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length >= 4 && words[i].All(char.IsLetter) && random.Chance(TypoRate))
                words[i] = Misspell(words[i], random);
        }
        text = string.Join(' ', words);
        if (random.Chance(Style.DroppedApostrophe))
            text = text.Replace("'", "", StringComparison.Ordinal);
        if (random.Chance(Style.NoFinalPunctuation))
            text = text.TrimEnd('?', '.', '!');
        return random.Chance(Style.LowerStart) ? text.ToLowerInvariant() : UpperFirst(text);
    }

    // Lower-case words, apostrophes removed: "What's the best" and "whats the best" are one phrase.
    private static string Key(string phrase) =>
        string.Join(' ', phrase.Replace("'", "", StringComparison.Ordinal).ToLowerInvariant()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The phrase's words with an optional apostrophe between letters ("whats" also matches "what's").
    private static string Pattern(string key) =>
        string.Join(@"\s+", key.Split(' ').Select(w => string.Join("'?", w.Select(c => Regex.Escape(c.ToString())))));

    // The first letter stays: "a good way" must not become "a ogod way" (and an article before it stay right).
    private static string Misspell(string word, SeededRandom random)
    {
        var i = 1 + random.Next(word.Length - 2);
        var sb = new StringBuilder(word);
        switch (random.Next(4))
        {
            case 0:
                sb.Remove(i, 1);
                break;
            case 1:
                sb.Insert(i, word[i]);
                break;
            case 2:
                (sb[i], sb[i + 1]) = (sb[i + 1], sb[i]);
                break;
            default:
                sb[i] = "aeioustnrl"[random.Next(10)];
                break;
        }
        return sb.ToString();
    }

    private static string UpperFirst(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
