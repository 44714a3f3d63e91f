using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ScoreSettings : OutputSettings
{
    [CommandOption("--input <PATH>")]
    [Description(
        "A run directory (scored from its run.db, as alert report does) or a judged JSONL file (verdict or " +
        "llama_guard_output per row).")]
    public string? Input { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write scores.json.")]
    public string? Out { get; init; }

    [CommandOption("--policy <NAME|FILE>")]
    [Description(
        "Score under a policy: full (default), cannabis-legal, adult-content-allowed, or a policy file (JSON: name, " +
        "include or exclude, thresholds).")]
    [DefaultValue("full")]
    public string Policy { get; init; } = "full";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        return base.Validate();
    }
}
