using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class JudgeTrainSettings : OutputSettings
{
    [CommandOption("--input <FILE>")]
    [Description(
        "Labelled JSONL: prompt, response and label (safe|unsafe), or a judged file's verdict / llama_guard_output.")]
    public string? Input { get; init; }

    [CommandOption("--labels <RUNDIR>")]
    [Description("Add a run's labelled answers (RUNDIR/labels.db: safe and unsafe labels) to the training rows.")]
    public string[] Labels { get; init; } = [];

    [CommandOption("--out <MODEL>")]
    [Description("Where to write the trained model (JSON); use it with --judge embedded:MODEL.")]
    public string? Out { get; init; }

    [CommandOption("--group-field <FIELD>")]
    [Description(
        "Rows with the same value of this field stay in one cross-validation fold (e.g. a behaviour or goal).")]
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

    [CommandOption("--hidden <UNITS>")]
    [Description(
        "Hidden units of a two-layer head that gives the verdict (the shipped judges: 64); 0 (default): a logistic " +
        "head.")]
    [DefaultValue(0)]
    public int Hidden { get; init; }

    [CommandOption("--seeds <N>")]
    [Description("With --hidden: heads from N seeds, averaged (the shipped judges: 3).")]
    [DefaultValue(1)]
    public int Seeds { get; init; } = 1;

    [CommandOption("--refusal-prior <LOGIT>")]
    [Description(
        "Log-odds by which a refusal phrase in the first 160 characters pulls towards safe (default: chosen by the " +
        "cross-validation from 0, 0.4, 0.85, 1.2).")]
    public double? RefusalPrior { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input) && Labels.Length == 0)
            return ValidationResult.Error("--input is required (or --labels RUNDIR)");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        if (Folds < 2)
            return ValidationResult.Error("--folds must be at least 2");
        if (Seeds is < 1 or > 16)
            return ValidationResult.Error($"--seeds must be 1 to 16 (got {Seeds})");
        if (Hidden is < 0 or > 1024)
            return ValidationResult.Error($"--hidden must be 0 to 1024 (got {Hidden})");
        if (RefusalPrior is < 0)
            return ValidationResult.Error("--refusal-prior must not be negative");
        return L2 < 0 ? ValidationResult.Error("--l2 must not be negative") : base.Validate();
    }
}
