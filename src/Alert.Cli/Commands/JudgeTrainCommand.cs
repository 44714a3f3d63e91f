using Alert.Cli.Output;
using System.ComponentModel;
using System.Diagnostics;
using Alert.Cli.Infrastructure;
using Alert.Judges;
using Alert.Judges.Embedded;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class JudgeTrainSettings : OutputSettings
{
    [CommandOption("--input <FILE>")]
    [Description("Labelled JSONL: prompt, response and label (safe|unsafe), or a judged file's verdict / llama_guard_output.")]
    public string? Input { get; init; }

    [CommandOption("--out <MODEL>")]
    [Description("Where to write the trained model (JSON); use it with --judge embedded:MODEL.")]
    public string? Out { get; init; }

    [CommandOption("--group-field <FIELD>")]
    [Description("Rows with the same value of this field stay in one cross-validation fold (e.g. a behaviour or goal).")]
    public string? GroupField { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Model name recorded in the file and in every verdict.")]
    public string? Name { get; init; }

    [CommandOption("--trained-from <TEXT>")]
    [Description("Where the labels come from, recorded in the model file (default: the input file's name and size).")]
    public string? TrainedFrom { get; init; }

    [CommandOption("--folds <N>")]
    [DefaultValue(5)]
    public int Folds { get; init; } = 5;

    [CommandOption("--l2 <LAMBDA>")]
    [Description("Weight penalty of the logistic head.")]
    [DefaultValue(0.3)]
    public double L2 { get; init; } = 0.3;

    [CommandOption("--refusal-prior <LOGIT>")]
    [Description("Log-odds by which a refusal phrase in the first 160 characters pulls towards safe, and its absence after a harmful request towards unsafe (default: chosen by the cross-validation from 0, 0.4, 0.85, 1.2).")]
    public double? RefusalPrior { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        if (Folds < 2)
            return ValidationResult.Error("--folds must be at least 2");
        if (RefusalPrior is < 0)
            return ValidationResult.Error("--refusal-prior must not be negative");
        return L2 < 0 ? ValidationResult.Error("--l2 must not be negative") : base.Validate();
    }
}

/// <summary><c>alert judge train</c>: distil an embedded judge from labelled pairs, with cross-validated agreement.</summary>
public sealed class JudgeTrainCommand(CliEnvironment env) : AsyncCommand<JudgeTrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, JudgeTrainSettings settings, CancellationToken cancellationToken)
    {
        var rows = new List<LabelledPair>();
        await foreach (var r in LabelledFile.ReadAsync(settings.Input!, settings.GroupField, cancellationToken))
            rows.Add(r);
        var clock = Stopwatch.StartNew();
        using var embedder = new TextEmbedder();
        using var trainer = new EmbeddedJudgeTrainer(embedder);
        env.Messages(settings).WriteLine($"embedding {rows.Count} pairs ...");
        var x = trainer.Featurize(rows, cancellationToken);
        var result = trainer.Train(rows, x, new TrainingOptions
        {
            Name = settings.Name ?? Path.GetFileNameWithoutExtension(settings.Out!),
            L2 = settings.L2,
            RefusalPrior = settings.RefusalPrior,
            Folds = settings.Folds,
            TrainedFrom = (settings.TrainedFrom is null ? Path.GetFileName(settings.Input!) : settings.TrainedFrom) + $" ({rows.Count} rows, {rows.Count(r => r.Unsafe)} unsafe{(settings.GroupField is null ? "" : $", grouped by {settings.GroupField}")})",
        });
        await result.Model.SaveAsync(settings.Out!, cancellationToken);
        var cv = result.CrossValidated;
        env.Messages(settings).WriteLine($"trained on {rows.Count} rows in {clock.Elapsed.TotalSeconds:0}s -> {settings.Out}");
        env.Messages(settings).WriteLine($"{settings.Folds}-fold cross-validated agreement{(settings.GroupField is null ? "" : $" (folds by {settings.GroupField})")}: accuracy {cv.Accuracy:0.000}, F1 {cv.F1:0.000}, kappa {cv.Kappa:0.000} (refusal prior {result.Model.RefusalPrior:0.##})");
        env.Messages(settings).WriteLine($"use it with: --judge embedded:{settings.Out}");
        return AlertCli.ExitOk;
    }
}
