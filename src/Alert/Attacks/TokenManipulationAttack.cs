using System.Text;
using Alert.Common;
using Alert.Plugins;

namespace Alert.Attacks;

/// <summary>
/// <c>token_manipulation</c>: drops one to three content words, swaps two words, or puts typos in a few
/// words; the meaning survives.
/// </summary>
internal sealed class TokenManipulationAttack : IPromptAttack
{
    [AlertPlugin(Order = 12)]
    public static IPromptAttack Attack { get; } = new TokenManipulationAttack();

    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "to", "of", "in", "on", "at", "for", "and", "or", "i", "my", "me", "is", "are", "do", "how",
        "what", "why", "can", "you", "it", "so", "be", "with", "that", "this", "from", "by", "if", "as", "your",
    };

    public string Name => "token_manipulation";
    public string Description => "Seeded word drops, word swaps or character typos that keep the meaning.";

    public string Apply(string request, SeededRandom random)
    {
        var words = request.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 3)
            return Typos(words, random, 1);
        return random.Next(3) switch
        {
            0 => DropWords(words, random),
            1 => SwapWords(words, random),
            _ => Typos(words, random, 1 + random.Next(3)),
        };
    }

    private static string DropWords(List<string> words, SeededRandom random)
    {
        var content = Enumerable.Range(0, words.Count)
            .Where(i => !FunctionWords.Contains(words[i].Trim('?', '.', ',', '!'))).ToList();
        if (content.Count < 2)
            return SwapWords(words, random);
        random.Shuffle(content);
        // At most a quarter of the content words, so the meaning survives.
        var drop = content.Take(Math.Clamp(1 + random.Next(3), 1, Math.Max(1, content.Count / 4))).ToHashSet();
        return string.Join(' ', words.Where((_, i) => !drop.Contains(i)));
    }

    private static string SwapWords(List<string> words, SeededRandom random)
    {
        var i = random.Next(words.Count - 1);
        var j = random.Chance(0.6) ? i + 1 : random.Next(words.Count);
        if (j == i)
            j = (i + 1) % words.Count;
        (words[i], words[j]) = (words[j], words[i]);
        return string.Join(' ', words);
    }

    private static string Typos(List<string> words, SeededRandom random, int count)
    {
        var candidates = Enumerable.Range(0, words.Count).Where(i => words[i].Count(char.IsLetter) >= 4).ToList();
        random.Shuffle(candidates);
        foreach (var i in candidates.Take(count))
            words[i] = Typo(words[i], random);
        return string.Join(' ', words);
    }

    private static string Typo(string word, SeededRandom random)
    {
        var letters = Enumerable.Range(0, word.Length).Where(i => char.IsLetter(word[i])).ToList();
        var p = letters[random.Next(letters.Count - 1)];
        var sb = new StringBuilder(word);
        switch (random.Next(3))
        {
            case 0: // swap two neighbouring letters
                (sb[p], sb[p + 1]) = (sb[p + 1], sb[p]);
                break;
            case 1: // drop a letter
                sb.Remove(p, 1);
                break;
            default: // double a letter
                sb.Insert(p, sb[p]);
                break;
        }
        return sb.ToString();
    }
}
