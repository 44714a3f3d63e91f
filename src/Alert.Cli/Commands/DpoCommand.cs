using Alert.Cli.Output;
using System.ComponentModel;
using Alert.Cli.Infrastructure;
using Alert.Preferences;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class DpoSettings : OutputSettings
{
    [CommandArgument(0, "<RUNDIR>")]
    [Description("Two or more judged runs of the same prompts; the first run judged safe gives 'chosen', the first judged unsafe gives 'rejected'.")]
    public string[] Runs { get; init; } = [];

    [CommandOption("--out <FILE>")]
    [Description("Output JSONL (ALERT_DPO format: prompt, chosen, rejected, category, attack_type, chosen_run, rejected_run).")]
    public string? Out { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required") : base.Validate();
}

/// <summary><c>alert dpo</c>: preference pairs from judged runs.</summary>
public sealed class DpoCommand(CliEnvironment env) : AsyncCommand<DpoSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DpoSettings settings, CancellationToken cancellationToken)
    {
        var counts = await DpoBuilder.WriteAsync(settings.Runs, settings.Out!, cancellationToken);
        env.Messages(settings).WriteLine($"{counts.Prompts} prompts: {counts.Pairs} pairs written to {settings.Out}; skipped {counts.AllSafe} safe in every run, {counts.AllUnsafe} unsafe in every run, {counts.Incomplete} without verdicts");
        return AlertCli.ExitOk;
    }
}
