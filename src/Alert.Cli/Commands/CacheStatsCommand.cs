using System.Globalization;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert cache stats</c>: entries per target and size.</summary>
public sealed class CacheStatsCommand(CliEnvironment env) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellationToken)
    {
        using var cache = settings.Open();
        var stats = cache.Stats();
        env.Messages(settings).WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{stats.Path}: {stats.Entries} answers, {stats.Bytes / 1024.0 / 1024.0:0.0} MiB"));
        var table = new OutputTable("owners", null, "Target or judge", "Answers");
        foreach (var (owner, entries) in stats.ByOwner)
            table.Add(owner, entries);
        env.Write(settings, table);
        return AlertCli.ExitOk;
    }
}
