using Alert.Cli.Output;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Benchmark;
using Alert.Classification;
using Alert.Cli.Infrastructure;
using Alert.Taxonomy;
using Spectre.Console;
using Spectre.Console.Cli;
using Alert.Common;

namespace Alert.Cli.Commands;

public class ClassifySettings : OutputSettings
{
    [CommandOption("--input <FILE>")]
    [Description("JSONL or CSV of prompts (or red-team transcripts: the first 'Human:' turn is taken).")]
    public string? Input { get; init; }

    [CommandOption("--text-field <NAME>")]
    [Description("The field or column holding the text.")]
    [DefaultValue("prompt")]
    public string TextField { get; init; } = "prompt";

    [CommandOption("--min-harm <P>")]
    [Description("Below this probability of being a harmful request (the in-process prompt guard), a prompt is 'none'. Default: 0.4.")]
    public double? MinHarm { get; init; }

    [CommandOption("--classifier <SPEC>")]
    [Description("'alert' (in-process: prompt guard, keywords, MiniLM exemplars; default) or 'llm:MODEL' (a chat model on an OpenAI-compatible server, or llm:ollama:MODEL).")]
    [DefaultValue("alert")]
    public string Classifier { get; init; } = "alert";

    [CommandOption("--base-url <URL>")]
    [Description("Server of an llm: classifier (default OPENAI_BASE_URL; key from OPENAI_API_KEY).")]
    public string? BaseUrl { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (Classifier != "alert" && !Classifier.StartsWith("llm:", StringComparison.Ordinal))
            return ValidationResult.Error("--classifier must be 'alert' or 'llm:MODEL'");
        return base.Validate();
    }

    /// <summary>The classifier this command uses (dispose it when done).</summary>
    public ICategoryClassifier CreateClassifier(Infrastructure.CliEnvironment env) => ClassifierFactory.Create(Classifier, env.ModelServer(BaseUrl), MinHarm, env.OpenAIKey);
}

public sealed class ClassifyRunSettings : ClassifySettings
{
    [CommandOption("--out <FILE>")]
    [Description("Output JSONL: each input row plus category, macro, confidence, stage and explanation.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required") : base.Validate();
}

public sealed class ClassifyEvalSettings : ClassifySettings
{
    [CommandOption("--label-field <NAME>")]
    [Description("The field with the true label: a micro label, a macro id, or 'none'.")]
    [DefaultValue("category")]
    public string LabelField { get; init; } = "category";
}

/// <summary><c>alert classify</c>: sort prompts into the taxonomy.</summary>
public sealed class ClassifyCommand(CliEnvironment env) : AsyncCommand<ClassifyRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClassifyRunSettings settings, CancellationToken cancellationToken)
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
        foreach (var g in results.GroupBy(r => r.Category).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
            table.Add(g.Key, g.Count());
        env.Write(settings, table);
        env.Messages(settings).WriteLine($"classified {rows.Count} prompts with {classifier.Name} in {seconds:0.0} s ({string.Join(", ", results.GroupBy(r => r.Stage).Select(g => $"{g.Count()} by {g.Key}"))}); wrote {settings.Out}");
        return AlertCli.ExitOk;
    }
}

/// <summary><c>alert classify eval</c>: micro and macro accuracy against labelled prompts.</summary>
public sealed class ClassifyEvalCommand(CliEnvironment env) : AsyncCommand<ClassifyEvalSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClassifyEvalSettings settings, CancellationToken cancellationToken)
    {
        var taxonomy = AlertTaxonomy.Default;
        var rows = await PromptTable.ReadAsync(settings.Input!, settings.TextField, cancellationToken);
        var truths = new List<(string? Micro, string? Macro)>();
        foreach (var (line, row, _) in rows)
        {
            var label = JsonlFile.RequireString(row, settings.LabelField, settings.Input!, line);
            if (label == Classification.Classification.None)
                truths.Add((Classification.Classification.None, Classification.Classification.None));
            else if (taxonomy.TryResolve(label, out var c))
                truths.Add((c.Label, c.Macro));
            else if (taxonomy.Macros.Any(m => m.Id == label))
                truths.Add((null, label));
            else
                throw new AlertFormatException(settings.Input!, line, settings.LabelField, $"unknown label '{label}' (expected a micro label, a macro id or none)");
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
                perCategory[truth] = perCategory.GetValueOrDefault(truth) with { Tp = perCategory.GetValueOrDefault(truth).Tp + 1 };
            }
            else
            {
                perCategory[truth] = perCategory.GetValueOrDefault(truth) with { Fn = perCategory.GetValueOrDefault(truth).Fn + 1 };
                perCategory[predicted] = perCategory.GetValueOrDefault(predicted) with { Fp = perCategory.GetValueOrDefault(predicted).Fp + 1 };
                confusion[(truth, predicted)] = confusion.GetValueOrDefault((truth, predicted)) + 1;
            }
        }
        var messages = env.Messages(settings);
        messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows.Count} prompts, {rows.Count / seconds:0} prompts/s"));
        messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"macro accuracy: {(double)macroRight / rows.Count:0.000} ({macroRight}/{rows.Count})"));
        if (microN > 0)
            messages.WriteLine(string.Create(CultureInfo.InvariantCulture, $"micro accuracy: {(double)microRight / microN:0.000} ({microRight}/{microN})"));
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
            foreach (var ((truth, predicted), n) in confusion.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal).Take(8))
                confused.Add(truth, predicted, n);
            tables.Add(confused);
        }
        env.Write(settings, [.. tables]);
        return AlertCli.ExitOk;
    }

    private static OutputCell Ratio(int part, int whole) => whole == 0
        ? new OutputCell("n/a", OutputCell.JsonNull)
        : new OutputCell(((double)part / whole).ToString("0.00", CultureInfo.InvariantCulture), Math.Round((double)part / whole, 4));
}
