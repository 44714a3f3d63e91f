using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ReportSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description("One or more run directories (one column per run).")]
    public string[] Runs { get; init; } = [];

    /// <summary>Where a report on one run goes without <c>--out</c>, inside its run directory.</summary>
    public const string DefaultDirectory = Alert.Running.RunOutputs.ReportDirectoryName;

    [CommandOption("--out <DIR>")]
    [Description(
        "Directory for report.html, report.md, scores.csv and the charts (PNG and SVG). Default for one run: " +
        "RUNDIR/report; required for several.")]
    public string? Out { get; init; }

    [CommandOption("--policy <NAME|FILE>")]
    [Description("Score under a policy: full (default), cannabis-legal, adult-content-allowed, or a policy file.")]
    [DefaultValue("full")]
    public string Policy { get; init; } = "full";

    [CommandOption("--judge <SPEC>")]
    [Description("Use this judge's stored verdicts (default: the judge each run was last scored with).")]
    public string? Judge { get; init; }

    [CommandOption("--examples <N>")]
    [Description("Unsafe responses shown per category and run.")]
    [DefaultValue(3)]
    public int Examples { get; init; } = 3;

    /// <summary>Where the report goes: <c>--out</c>, else the one run's <see cref="DefaultDirectory"/>.</summary>
    public string OutDirectory => Out is { Length: > 0 } given ? given
        : System.IO.Path.Combine(Runs[0], DefaultDirectory);

    public override ValidationResult Validate()
    {
        if (Runs.Length == 0)
            return ValidationResult.Error("give at least one run directory");
        if (string.IsNullOrWhiteSpace(Out) && Runs.Length > 1)
            return ValidationResult.Error(
                $"--out is required with {Runs.Length} runs: the directory for report.html, report.md, scores.csv " +
                "and the charts (a report on one run goes to RUNDIR/report)");
        return Examples < 0 ? ValidationResult.Error("--examples cannot be negative") : base.Validate();
    }
}
