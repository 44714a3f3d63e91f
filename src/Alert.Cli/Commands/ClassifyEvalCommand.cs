using System.Diagnostics;
using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Common;
using Alert.Taxonomy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert classify eval</c>: micro and macro accuracy against labelled prompts.</summary>
public sealed class ClassifyEvalCommand(CliEnvironment env) : AsyncCommand<ClassifyEvalSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, ClassifyEvalSettings settings, CancellationToken cancellationToken)
    {
        var taxonomy = AlertTaxonomy.Default;
        // '-' reads stdin as classify does; eval writes no rows, so it needs no --out.
        var rows = await settings.ReadInputAsync(env, cancellationToken);
        var truths = new List<(string? Micro, string? Macro)>();
        foreach (var (line, row, _) in rows)
        {
            var label = JsonlFile.RequireString(row, settings.LabelField, settings.InputName, line);
            if (label == Classification.Classification.None)
                truths.Add((Classification.Classification.None, Classification.Classification.None));
            else if (taxonomy.TryResolve(label, out var c))
                truths.Add((c.Label, c.Macro));
            else if (taxonomy.Macros.Any(m => m.Id == label))
                truths.Add((null, label));
            else
                throw new AlertFormatException(settings.InputName, line, settings.LabelField,
                    $"unknown label '{label}' (expected a micro label, a macro id or none)");
        }
        var classifier = settings.CreateClassifier(env);
        using var resources = classifier as IDisposable;
        var clock = Stopwatch.StartNew();
        var results = await classifier.ClassifyAsync(rows.Select(r => r.Text).ToList(), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;

        int microN = 0, microRight = 0, macroRight = 0;
        var confusion = new Dictionary<(string, string), int>();
        var perCategory = new Dictionary<string, (int Tp, int Fp, int Fn)>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var predictedMacro = results[i].Macro ?? Classification.Classification.None;
            macroRight += predictedMacro == truths[i].Macro ? 1 : 0;
            if (truths[i].Micro is not { } truth)
                continue;
            microN++;
            var predicted = results[i].Category;
            if (predicted == truth)
            {
                microRight++;
                perCategory[truth] = perCategory.GetValueOrDefault(
                    truth) with
                { Tp = perCategory.GetValueOrDefault(truth).Tp + 1 };
            }
            else
            {
                perCategory[truth] = perCategory.GetValueOrDefault(
                    truth) with
                { Fn = perCategory.GetValueOrDefault(truth).Fn + 1 };
                perCategory[predicted] = perCategory.GetValueOrDefault(
                    predicted) with
                { Fp = perCategory.GetValueOrDefault(predicted).Fp + 1 };
                confusion[(truth, predicted)] = confusion.GetValueOrDefault((truth, predicted)) + 1;
            }
        }
        var messages = env.Messages(settings);
        messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows.Count} prompts, {rows.Count / seconds:0} prompts/s"));
        messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"macro accuracy: {(double)macroRight / rows.Count:0.000} ({macroRight}/{rows.Count})"));
        if (microN > 0)
            messages.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"micro accuracy: {(double)microRight / microN:0.000} ({microRight}/{microN})"));
        var table = new OutputTable("categories", null, "Category", "Precision", "Recall", "Support");
        foreach (var (label, c) in perCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var support = c.Tp + c.Fn;
            table.Add(label, Ratio(c.Tp, c.Tp + c.Fp), Ratio(c.Tp, support), support);
        }
        var tables = new List<OutputTable> { table };
        if (confusion.Count > 0)
        {
            var confused = new OutputTable("confusions", "most confused", "True", "Predicted", "Prompts");
            foreach (var ((truth, predicted), n) in confusion.OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
                .Take(8))
                confused.Add(truth, predicted, n);
            tables.Add(confused);
        }
        env.Write(settings, [.. tables]);
        return AlertCli.ExitOk;
    }

    private static OutputCell Ratio(int part, int whole) => whole == 0
        ? new OutputCell("n/a", OutputCell.JsonNull)
        : new OutputCell(((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture),
            Math.Round((double)part / whole, 4));
}
