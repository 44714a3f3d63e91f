using System.ComponentModel;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ScoreSettings : OutputSettings
{
    [CommandArgument(0, "[PATH]")]
    [Description(
        "A run directory (scored from its run.db, as alert report does) or a judged JSONL file (verdict or " +
        "llama_guard_output per row).")]
    public string? Path { get; init; }

    [CommandOption("--input <PATH>")]
    [Description("The same as PATH (kept for scripts written before PATH).")]
    public string? Input { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write scores.json. Default: RUNDIR/scores.json for a run directory; for a file, the "
        + "scores are only printed.")]
    public string? Out { get; init; }

    [CommandOption("--policy <NAME|FILE>")]
    [Description(
        "Score under a policy: full (default), cannabis-legal, adult-content-allowed, or a policy file (JSON: name, " +
        "include or exclude, thresholds).")]
    [DefaultValue("full")]
    public string Policy { get; init; } = "full";

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Path) && string.IsNullOrWhiteSpace(Input))
            return ValidationResult.Error("give a run directory or a judged JSONL file (alert score RUNDIR)");
        if (!string.IsNullOrWhiteSpace(Path) && !string.IsNullOrWhiteSpace(Input) && Path != Input)
            return ValidationResult.Error($"give PATH or --input, not both ('{Path}' and '{Input}')");
        return base.Validate();
    }

    /// <summary>What to score: PATH, else --input.</summary>
    public string Scored => string.IsNullOrWhiteSpace(Path) ? Input! : Path;

    /// <summary>Where scores.json goes: --out, else the run directory's own; null for a file scored without
    /// --out.</summary>
    public string? ScoresPath => Out is { Length: > 0 } file ? file
        : Directory.Exists(Scored) ? System.IO.Path.Combine(Scored, Running.RunOutputs.ScoresFileName) : null;
}
