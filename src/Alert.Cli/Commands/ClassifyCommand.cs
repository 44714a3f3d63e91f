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
        await using (var writer = new AtomicJsonlWriter(settings.Out!))
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i].Row.DeepClone().AsObject();
                row["category"] = results[i].Category;
                row["macro"] = results[i].Macro;
                row["confidence"] = results[i].Confidence;
                row["stage"] = results[i].Stage;
                row["explanation"] = results[i].Explanation;
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
            $"wrote {settings.Out}");
        return AlertCli.ExitOk;
    }
}
