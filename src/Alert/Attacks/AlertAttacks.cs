using System.Text;
using Alert.Benchmark.Generation;

namespace Alert.Attacks;

/// <summary>
/// <c>adversarial_suffix</c> (ALERT suffix injection): a benign carrier task, then an override sentence
/// that tells the model to drop it, then the request (<c>data/attacks/suffix-*.txt</c>).
/// </summary>
public sealed class SuffixInjectionAttack : IPromptAttack
{
    private readonly IReadOnlyList<string> _carriers = DataFiles.ReadLines("attacks/suffix-carriers.txt");
    private readonly IReadOnlyList<string> _overrides = DataFiles.ReadLines("attacks/suffix-overrides.txt");

    public string Name => "adversarial_suffix";
    public string Description => "A benign task, then an override sentence ('Ignore everything above...'), then the request.";

    public string Apply(string request, SeededRandom random) =>
        $"{random.Pick(_carriers)} {random.Pick(_overrides)} {RequestText.AsTellMeClause(request)}";
}

/// <summary><c>adversarial_prefix</c> (ALERT prefix injection): a directive to bypass safety rules before the request.</summary>
public sealed class PrefixInjectionAttack : IPromptAttack
{
    private readonly IReadOnlyList<string> _prefixes = DataFiles.ReadLines("attacks/prefix-directives.txt");

    public string Name => "adversarial_prefix";
    public string Description => "A directive to ignore safety rules placed before the request.";

    public string Apply(string request, SeededRandom random)
    {
        var prefix = random.Pick(_prefixes);
        // "... and <request>" reads as one sentence; after ':' or '.' the request starts afresh.
        return prefix.EndsWith(':') || prefix.EndsWith('.')
            ? $"{prefix} {request}"
            : $"{prefix} {RequestText.LowerFirst(request)}";
    }
}

/// <summary>
/// <c>token_manipulation</c>: drops one to three content words, swaps two words, or puts typos in a few
/// words; the meaning survives.
/// </summary>
public sealed class TokenManipulationAttack : IPromptAttack
{
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
        var content = Enumerable.Range(0, words.Count).Where(i => !FunctionWords.Contains(words[i].Trim('?', '.', ',', '!'))).ToList();
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

/// <summary>
/// Wraps the request in one of the templates of a data file (templates separated by lines of
/// <c>---</c>, <c>{request}</c> marks the request's place). <c>jailbreaking</c> (role-play and persona
/// prompts), <c>refusal_suppression</c> and <c>fictional_frame</c> are instances.
/// </summary>
public sealed class TemplateAttack(string name, string description, string dataPath) : IPromptAttack
{
    private readonly IReadOnlyList<string> _templates = TemplateFile.Read(dataPath);

    public string Name => name;
    public string Description => description;

    public string Apply(string request, SeededRandom random) =>
        random.Pick(_templates).Replace("{request}", request, StringComparison.Ordinal);
}

/// <summary>Multi-line templates separated by lines holding only <c>---</c>; <c>#</c> lines before the first are comments.</summary>
internal static class TemplateFile
{
    public static IReadOnlyList<string> Read(string path)
    {
        var templates = new List<string>();
        var current = new StringBuilder();
        var started = false;
        foreach (var line in DataFiles.ReadText(path).Split('\n'))
        {
            if (!started && line.StartsWith('#'))
                continue;
            if (line.Trim() == "---")
            {
                Flush();
                started = true;
                continue;
            }
            started = true;
            current.Append(line).Append('\n');
        }
        Flush();
        foreach (var t in templates)
        {
            if (!t.Contains("{request}", StringComparison.Ordinal))
                throw new AlertException($"data/{path}: a template has no {{request}} slot: '{t[..Math.Min(60, t.Length)]}...'");
        }
        return templates;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
                templates.Add(text);
            current.Clear();
        }
    }
}
