using System.ComponentModel;
using Alert.Common;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ClassifyRunSettings : ClassifySettings
{
    /// <summary>What a default output file's name adds to the input's (<c>prompts.csv</c> gives
    /// <c>prompts.classified.jsonl</c>).</summary>
    public const string DefaultSuffix = ".classified.jsonl";

    [CommandOption("--out <FILE>")]
    [Description(
        "Output JSONL: each input row plus category, macro, confidence, stage and explanation (and lang_warning for " +
        "text that does not look English; an input's own category and so on are kept as input_category). " +
        "Default: beside the input, its name with .classified.jsonl " +
        "(prompts.csv gives prompts.classified.jsonl); required with --input - (stdin).")]
    public string? Out { get; init; }

    /// <summary>Standard input has no place to write beside: its rows need <c>--out</c>, since stdout carries the
    /// table and summary.</summary>
    public override ValidationResult Validate() =>
        Input == StandardInput && Out is not { Length: > 0 }
            ? ValidationResult.Error(
                "--out is required with --input - (stdout carries the table and summary): give --out FILE.jsonl")
            : base.Validate();

    /// <summary>Where the classified rows go: <c>--out</c>, else beside the input
    /// (<see cref="DefaultSuffix"/>).</summary>
    public string OutPath => Out is { Length: > 0 } given ? given
        : Path.Combine(Path.GetDirectoryName(Input!) ?? "",
            Path.GetFileNameWithoutExtension(CorpusText.InnerName(Input!)) + DefaultSuffix);
}
