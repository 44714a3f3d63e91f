using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Output;

/// <summary>The <c>--format</c> option every command shares.</summary>
public class OutputSettings : CommandSettings
{
    [CommandOption("--format <FORMAT>")]
    [Description(
        "How tables print: 'table' (boxes on a terminal, aligned plain text when piped), 'tsv' or 'json'; with tsv " +
        "and json, stdout has only the data and messages go to stderr.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";

    public OutputFormat OutputFormat => Format switch
    {
        "tsv" => OutputFormat.Tsv,
        "json" => OutputFormat.Json,
        _ => OutputFormat.Table,
    };

    public override ValidationResult Validate() => Format is "table" or "tsv" or "json"
        ? ValidationResult.Success()
        : ValidationResult.Error($"--format must be table, tsv or json (not '{Format}')");
}
