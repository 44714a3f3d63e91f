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
        var rows = await settings.ReadInputAsync(env, cancellationToken);
        var classifier = settings.CreateClassifier(env);
        using var resources = classifier as IDisposable;
        var clock = Stopwatch.StartNew();
        var results = await classifier.ClassifyAsync(rows.Select(r => r.Text).ToList(), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        var output = settings.OutPath;
        // The in-process classifier reads English only: other languages get a category all the same (mostly none),
        // so each such row says so rather than pass as a confident label.
        var checkLanguage = settings.Classifier == "alert";
        var (notEnglish, notEnglishNone) = (new SortedSet<int>(), 0);
        var renamed = new SortedSet<string>(StringComparer.Ordinal);
        await using (var writer = new AtomicJsonlWriter(output))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i].Row.DeepClone().AsObject();
                // A labelled input keeps its own values: "category" becomes "input_category", and so on.
                foreach (var field in OutputFields.Where(row.ContainsKey))
                {
                    var value = row[field];
                    row.Remove(field);
                    row["input_" + field] = value;
                    renamed.Add(field);
                }
                row["category"] = results[i].Category;
                row["macro"] = results[i].Macro;
                row["confidence"] = results[i].Confidence;
                row["stage"] = results[i].Stage;
                row["explanation"] = results[i].Explanation;
                if (checkLanguage && !EnglishText.IsLikelyEnglish(rows[i].Text))
                {
                    row[LanguageWarningField] = LanguageWarning;
                    notEnglish.Add(i);
                    notEnglishNone += results[i].Category == Alert.Classification.Classification.None ? 1 : 0;
                }
                await writer.WriteAsync(row);
            }
            await writer.CommitAsync();
        }
        env.Write(settings, ClassifyTables.Create(rows.Select(r => r.Text).ToList(), results, notEnglish,
            shorten: settings.OutputFormat == OutputFormat.Table));
        env.Messages(settings).WriteLine(
            $"classified {rows.Count} prompt{(rows.Count == 1 ? "" : "s")} with {classifier.Name} in {seconds:0.0} s " +
            $"(decided by: {ClassifyTables.Stages(results)}); wrote {output}");
        if (renamed.Count > 0)
            env.Error.WriteLine($"note: the input's own {string.Join(", ", renamed)} kept as " +
                $"{string.Join(", ", renamed.Select(f => "input_" + f))}");
        if (notEnglish.Count > 0)
            env.Error.WriteLine(
                $"note: {notEnglish.Count} of {rows.Count} prompts do not look English ({notEnglishNone} of them " +
                $"labelled none); the in-process classifier reads English only, so their categories are unreliable: " +
                $"those rows carry {LanguageWarningField} (--classifier llm:MODEL reads other languages)");
        return AlertCli.ExitOk;
    }

    // The fields classify writes; an input row's own field of the same name is kept under input_NAME.
    private static readonly string[] OutputFields = ["category", "macro", "confidence", "stage", "explanation"];

    /// <summary>The field that marks a row whose text does not look English.</summary>
    public const string LanguageWarningField = "lang_warning";

    /// <summary>What <see cref="LanguageWarningField"/> says.</summary>
    public const string LanguageWarning =
        "not English: the classifier reads English only, so this category is unreliable";
}
