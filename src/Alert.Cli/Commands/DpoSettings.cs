using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class DpoSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description(
        "Two or more judged runs of the same prompts; the first run judged safe gives 'chosen', the first judged " +
        "unsafe gives 'rejected'.")]
    public string[] Runs { get; init; } = [];

    [CommandOption("--out <FILE>")]
    [Description(
        "Output JSONL (ALERT_DPO format: prompt, chosen, rejected, category, attack_type, chosen_run, rejected_run).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required") : base.Validate();
}
