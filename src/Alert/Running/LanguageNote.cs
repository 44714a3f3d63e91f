using System.Globalization;
using Alert.Benchmark;
using Alert.Judges;

namespace Alert.Running;

/// <summary>
/// The one line a run with prompts in languages other than English prints: which languages, and how its judge reads
/// them (the in-process judges and the refusal lexicon are English).
/// </summary>
public static class LanguageNote
{
    /// <summary>The note for <paramref name="prompts"/> and <paramref name="judge"/>; null if all English.</summary>
    public static string? For(IReadOnlyList<KeyedPrompt> prompts, ISafetyJudge judge)
    {
        var counts = prompts.Where(p => p.Prompt.Lang != BenchmarkPrompt.DefaultLang)
            .GroupBy(p => p.Prompt.Lang, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Lang: g.Key, Count: g.Count()))
            .ToList();
        if (counts.Count == 0)
            return null;
        var total = counts.Sum(c => c.Count).ToString(CultureInfo.InvariantCulture);
        var languages = string.Join(", ",
            counts.Select(c => $"{c.Lang} {c.Count.ToString(CultureInfo.InvariantCulture)}"));
        var all = prompts.Count.ToString(CultureInfo.InvariantCulture);
        var head = $"note: {total} of {all} prompts are not in English ({languages})";
        if (judge is TranslatingJudge translating)
            return $"{head}; their answers are translated to English by {translating.Translator} before the judge";
        var own = judge is ILanguageAwareJudge aware
            ? counts.Select(c => c.Lang).Where(aware.Languages.Contains).ToList()
            : [];
        var reads = own.Count == 0 ? "" : $" ({judge.Name} also has phrases of its own for {string.Join(", ", own)})";
        return $"{head}; the in-process judges and the refusal lexicon are English{reads}: "
            + "--judge-translate SPEC translates each answer to English first, or use a multilingual judge "
            + "(Llama Guard 3: en fr de it es pt hi th)";
    }
}
