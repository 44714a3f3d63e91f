using System.Diagnostics;
using Alert.Classification;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert classify</c>: sort prompts into the taxonomy.</summary>
public sealed class ClassifyCommand(CliEnvironment env) : AsyncCommand<ClassifyRunSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ClassifyRunSettings settings, CancellationToken cancellationToken)
    {
        var rows = await PromptTable.ReadAsync(settings.Input!, settings.TextField, cancellationToken);
        var classifier = settings.CreateClassifier(env);
        using var resources = classifier as IDisposable;
        var clock = Stopwatch.StartNew();
        var results = await classifier.ClassifyAsync(rows.Select(r => r.Text).ToList(), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var output = settings.OutPath;
        // The in-process classifier reads English only: other languages get a category all the same (mostly none),
        // so each such row says so rather than pass as a confident label.
        var checkLanguage = settings.Classifier == "alert";
        var (notEnglish, notEnglishNone) = (0, 0);
        await using (var writer = new AtomicJsonlWriter(output))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i].Row.DeepClone().AsObject();
                row["category"] = results[i].Category;
                row["macro"] = results[i].Macro;
                row["confidence"] = results[i].Confidence;
                row["stage"] = results[i].Stage;
                row["explanation"] = results[i].Explanation;
                if (checkLanguage && !EnglishText.IsLikelyEnglish(rows[i].Text))
                {
                    row[LanguageWarningField] = LanguageWarning;
                    notEnglish++;
                    notEnglishNone += results[i].Category == Alert.Classification.Classification.None ? 1 : 0;
                }
                await writer.WriteAsync(row);
            }
            await writer.CommitAsync();
        }
        var table = new OutputTable("categories", null, "Category", "Prompts");
        foreach (var g in results.GroupBy(r => r.Category).OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal))
            table.Add(g.Key, g.Count());
        env.Write(settings, table);
        env.Messages(settings).WriteLine(
            $"classified {rows.Count} prompts with {classifier.Name} in {seconds:0.0} s " +
            $"({string.Join(", ", results.GroupBy(r => r.Stage).Select(g => $"{g.Count()} by {g.Key}"))}); " +
            $"wrote {output}");
        if (notEnglish > 0)
            env.Error.WriteLine(
                $"note: {notEnglish} of {rows.Count} prompts do not look English ({notEnglishNone} of them labelled " +
                $"none); the in-process classifier reads English only, so their categories are unreliable: those " +
                $"rows carry {LanguageWarningField} (--classifier llm:MODEL reads other languages)");
        return AlertCli.ExitOk;
    }

    /// <summary>The field that marks a row whose text does not look English.</summary>
    public const string LanguageWarningField = "lang_warning";

    /// <summary>What <see cref="LanguageWarningField"/> says.</summary>
    public const string LanguageWarning =
        "not English: the classifier reads English only, so this category is unreliable";
}
