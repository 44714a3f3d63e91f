using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ClassifyRunSettings : ClassifySettings
{
    [CommandOption("--out <FILE>")]
    [Description("Output JSONL: each input row plus category, macro, confidence, stage and explanation.")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required") : base.Validate();
}
