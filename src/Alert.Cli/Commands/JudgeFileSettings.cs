using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class JudgeFileSettings : JudgeSettings
{
    [CommandOption("--input <FILE>")]
    [Description("JSONL rows with 'prompt' and 'response' (other fields are kept).")]
    public string? Input { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Output JSONL: the input rows plus verdict, judge, judge_output, llama_guard_output.")]
    public string? Out { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("--input is required");
        if (string.IsNullOrWhiteSpace(Out))
            return ValidationResult.Error("--out is required");
        return base.Validate();
    }
}
