using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class DatasetsGetSettings : OutputSettings
{
    [CommandArgument(0, "<SPEC>")]
    [Description("hf:OWNER/NAME (then :CONFIG, :SPLIT, @REVISION as needed), or a name from 'alert datasets list'.")]
    public string Spec { get; init; } = "";
}
