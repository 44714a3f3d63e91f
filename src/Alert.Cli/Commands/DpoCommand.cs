using Alert.Cli.Infrastructure;
using Alert.Preferences;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

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
