using System.Globalization;
using Alert.Cli.Output;

namespace Alert.Cli.Commands;

/// <summary>What <c>alert classify</c> prints: each prompt with its category for a small input (as a table), the
/// count per category, and which stage decided in plain words.</summary>
internal static class ClassifyTables
{
    /// <summary>Up to this many prompts, the table output lists each one.</summary>
    public const int MaxListed = 20;

    /// <summary>A prompt in the list is cut to this many characters (ellipsis included).</summary>
    private const int PromptWidth = 48;

    /// <summary>What marks a listed prompt whose text does not look English.</summary>
    public const string NotEnglishMark = "lang?";

    /// <summary>The tables to print: the prompts (small inputs only, in every format; a table shortens them), then
    /// the counts. A prompt in <paramref name="notEnglish"/> is marked <see cref="NotEnglishMark"/>, explained in the
    /// list's title, so an unreliable category is seen on its own row.</summary>
    public static OutputTable[] Create(IReadOnlyList<string> prompts,
        IReadOnlyList<Alert.Classification.Classification> results, IReadOnlySet<int> notEnglish, bool shorten)
    {
        var listing = prompts.Count <= MaxListed;
        // Below the list of prompts, a title tells the counts apart from it.
        var counts = new OutputTable("categories", listing ? "Prompts per category" : null, "Category", "Prompts");
        foreach (var g in results.GroupBy(r => r.Category).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal))
            counts.Add(g.Key, g.Count());
        if (!listing)
            return [counts];
        var marked = notEnglish.Count > 0;
        var title = marked
            ? $"{NotEnglishMark}: the prompt does not look English, so its category is unreliable"
            : null;
        string[] columns = marked ? ["Prompt", "Category", "Confidence", "Language"]
            : ["Prompt", "Category", "Confidence"];
        var listed = new OutputTable("prompts", title, columns);
        for (var i = 0; i < prompts.Count; i++)
        {
            OutputCell[] cells = [shorten ? Shorten(prompts[i]) : prompts[i], results[i].Category, new OutputCell(
                results[i].Confidence.ToString("0.00", CultureInfo.InvariantCulture), results[i].Confidence)];
            listed.Add(marked ? [.. cells, notEnglish.Contains(i) ? NotEnglishMark : ""] : cells);
        }
        return [listed, counts];
    }

    /// <summary>How many prompts each stage decided, in plain words: "learned model 7, out-of-taxonomy rule 2".
    /// </summary>
    public static string Stages(IReadOnlyList<Alert.Classification.Classification> results) =>
        string.Join(", ", results.GroupBy(r => r.Stage).Select(g => $"{StageName(g.Key)} {g.Count()}"));

    private static string StageName(string stage) => stage switch
    {
        "learned" => "learned model",
        "keywords" => "keyword rule",
        "guard" => "harm check",
        "out-of-taxonomy" => "out-of-taxonomy rule",
        "embedding" => "nearest examples",
        "llm" => "chat model",
        _ => stage,
    };

    private static string Shorten(string prompt)
    {
        var line = prompt.ReplaceLineEndings(" ").Trim();
        return line.Length <= PromptWidth ? line : line[..(PromptWidth - 1)].TrimEnd() + "…";
    }
}
