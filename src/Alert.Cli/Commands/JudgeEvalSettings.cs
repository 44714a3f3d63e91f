using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class JudgeEvalSettings : JudgeSettings
{
    [CommandOption("--input <FILE>")]
    [Description("Labelled JSONL (prompt, response, label); rows with a 'category' also get per-category figures.")]
    public string? Input { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Also write the figures as JSON.")]
    public string? Out { get; init; }

    [CommandOption("--card <FILE>")]
    [Description(
        "Also write a judge card (its confusion counts on this set, or added to the card already in FILE): scores of " +
        "runs judged by this judge get a judge-corrected estimate from it.")]
    public string? Card { get; init; }

    [CommandOption("--set-name <NAME>")]
    [Description("The evaluation set's name in the card. Default: the input file's name.")]
    public string? SetName { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required") : base.Validate();
}
