using Alert.Cli.Infrastructure;
using Alert.Preferences;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert dpo</c>: preference pairs from judged runs.</summary>
public sealed class DpoCommand(CliEnvironment env) : AsyncCommand<DpoSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, DpoSettings settings, CancellationToken cancellationToken)
    {
        var counts = await DpoBuilder.WriteAsync(settings.Runs, settings.Out!, cancellationToken);
        var say = env.Messages(settings);
        foreach (var run in counts.Runs)
            say.WriteLine(
                $"{run.Run}: {run.Prompts} prompts, {run.Safe} safe, {run.Unsafe} unsafe, {run.WithoutVerdict} " +
                $"without a verdict");
        say.WriteLine(
            $"{counts.Prompts} prompts: {counts.Pairs} pairs written to {settings.Out}; skipped {counts.AllSafe} " +
            $"safe in every run, {counts.AllUnsafe} unsafe in every run, {counts.Incomplete} missing from a run or " +
            $"without a verdict in one");
        return AlertCli.ExitOk;
    }
}
