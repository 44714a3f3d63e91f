using System.ComponentModel;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class JudgeCardSettings : JudgeSettings
{
    [CommandArgument(0, "[SPEC]")]
    [Description("The judge (default: the --judge default, embedded).")]
    public string? Spec { get; init; }

    [CommandOption("--file <CARD>")]
    [Description("Show this card file (from alert judge eval --card) instead of a shipped one.")]
    public string? File { get; init; }

    [CommandOption("--from-labels <RUNDIR>")]
    [Description("Measure the card of RUNDIR's judge on the run's audit labels (RUNDIR/labels.db).")]
    public string? FromLabels { get; init; }

    [CommandOption("--out <CARD>")]
    [Description("With --from-labels: write the card here (JSON), for alert judge eval --card or a card file.")]
    public string? Out { get; init; }

    protected override string JudgeSpec => Spec ?? Judge;
}
