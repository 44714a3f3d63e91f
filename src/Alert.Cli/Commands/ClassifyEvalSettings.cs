using System.ComponentModel;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ClassifyEvalSettings : ClassifySettings
{
    [CommandOption("--label-field <NAME>")]
    [Description("The field with the true label: a micro label, a macro id, or 'none'.")]
    [DefaultValue("category")]
    public string LabelField { get; init; } = "category";
}
