namespace Alert.Benchmark;

/// <summary>
/// A benchmark prompt with the run-wide key that identifies it across several input files, and its
/// position in the whole benchmark (kept by samples and shards, so merged shards read in benchmark order).
/// </summary>
public sealed record KeyedPrompt(string Key, BenchmarkPrompt Prompt, long Ordinal)
{
    /// <summary>
    /// The run key of <paramref name="prompt"/>: its id as the file gives it (after <paramref name="stem"/><c>#</c>
    /// when a run reads several files), and <c>@LANG</c> when it is not English, so the same id in two languages is
    /// two results while English keys stay as runs stored before languages had them.
    /// </summary>
    public static string KeyOf(BenchmarkPrompt prompt, string? stem = null)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var id = prompt.FileId;
        var key = stem is null ? id : $"{stem}#{id}";
        return prompt.Lang == BenchmarkPrompt.DefaultLang ? key : $"{key}@{prompt.Lang}";
    }

    /// <summary>The field of a result row (<c>results.jsonl</c>) naming its benchmark file, written by a run of several
    /// files (<see cref="FileOf"/>).</summary>
    public const string FileField = "benchmark_file";

    /// <summary>
    /// The benchmark file <paramref name="key"/> names (the <c>stem</c> of <see cref="KeyOf"/>, as a run of several
    /// files keys its prompts), or null for a run of one file: rows of two files with the same ids tell them apart.
    /// </summary>
    public static string? FileOf(string key, BenchmarkPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(key);
        var own = "#" + KeyOf(prompt);
        return key.Length > own.Length && key.EndsWith(own, StringComparison.Ordinal) ? key[..^own.Length] : null;
    }

    /// <summary>What the translations of a keyed prompt share: <paramref name="key"/> without its language.</summary>
    public static string PromptIdOf(string key, string lang) =>
        lang != BenchmarkPrompt.DefaultLang && key.EndsWith("@" + lang, StringComparison.Ordinal)
            ? key[..^(lang.Length + 1)]
            : key;
}
