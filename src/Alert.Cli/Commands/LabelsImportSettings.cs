using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class LabelsImportSettings : LabelsSettings
{
    [CommandArgument(1, "<FILE>")]
    [Description("JSON Lines of {\"id\", \"label\"} by result id; label safe, unsafe or unsure; optional labeller.")]
    public string File { get; init; } = "";

    [CommandOption("--audit")]
    [Description("The rows are a random sample of the run's answers, fit for the human-audited estimate.")]
    public bool Audit { get; init; }

    [CommandOption("--labeller <NAME>")]
    [Description("Who labelled the rows that name no labeller. Default: import.")]
    public string? Labeller { get; init; }

    public override ValidationResult Validate() => Labeller is { } name && string.IsNullOrWhiteSpace(name)
        ? ValidationResult.Error("--labeller is empty")
        : base.Validate();
}
