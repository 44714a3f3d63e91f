using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class TaxonomySettings : OutputSettings
{
    [CommandOption("--json", IsHidden = true)]
    [Description("The same as --format json.")]
    public bool Json { get; init; }
}
