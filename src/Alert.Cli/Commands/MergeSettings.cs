using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class MergeSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description("Shard run directories (made with --shard I/N), all N of them.")]
    public string[] Shards { get; init; } = [];

    [CommandOption("--out <RUNDIR>")]
    [Description("New run directory for the merged run.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required (a new run directory)");
        if (Shards.Length < 1)
            return ValidationResult.Error("give the shard run directories to merge");
        return base.Validate();
    }
}
