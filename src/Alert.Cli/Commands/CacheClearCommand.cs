using Alert.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert cache clear</c>: all answers, or one owner's.</summary>
public sealed class CacheClearCommand(CliEnvironment env) : Command<CacheClearSettings>
{
    public override int Execute(CommandContext context, CacheClearSettings settings,
        CancellationToken cancellationToken)
    {
        using var cache = settings.Open();
        var removed = cache.Clear(settings.Owner);
        env.Messages(settings).WriteLine($"removed {removed} answers from {cache.Path}");
        return AlertCli.ExitOk;
    }
}
