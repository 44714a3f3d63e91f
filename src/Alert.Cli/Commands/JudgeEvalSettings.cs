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

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input is required") : base.Validate();
}
