using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary>What every <c>alert labels</c> command takes: the run and its label file.</summary>
public class LabelsSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description("The run directory whose answers the labels are on.")]
    public string RunDirectory { get; init; } = "";

    [CommandOption("--labels <FILE>")]
    [Description("The label store (SQLite). Default: RUNDIR/labels.db, apart from run.db so a shared run does not "
        + "share its labels.")]
    public string? Labels { get; init; }
}
