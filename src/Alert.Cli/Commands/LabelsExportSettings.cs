using System.ComponentModel;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class LabelsExportSettings : LabelsSettings
{
    [CommandOption("--out <FILE>")]
    [Description("Write the labels here (JSON Lines). Default: standard output.")]
    public string? Out { get; init; }
}
