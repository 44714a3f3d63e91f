using Alert.Cli.Output;
using System.ComponentModel;
using System.Globalization;
using Alert.Caching;
using Alert.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public class CacheSettings : OutputSettings
{
    [CommandOption("--cache <DIR>")]
    [Description("Cache directory (default: ALERT_CACHE_DIR, else ~/.cache/alert).")]
    public string? Cache { get; init; }

    public ResponseCache Open() => ResponseCache.Open(Cache ?? ResponseCache.DefaultDirectory);
}

public sealed class CacheClearSettings : CacheSettings
{
    [CommandOption("--owner <SPEC>")]
    [Description("Remove only the answers of this target or judge (as 'alert cache stats' lists it).")]
    public string? Owner { get; init; }
}

/// <summary><c>alert cache stats</c>: entries per target and size.</summary>
public sealed class CacheStatsCommand(CliEnvironment env) : Command<CacheSettings>
{
    public override int Execute(CommandContext context, CacheSettings settings, CancellationToken cancellationToken)
    {
        using var cache = settings.Open();
        var stats = cache.Stats();
        env.Messages(settings).WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stats.Path}: {stats.Entries} answers, {stats.Bytes / 1024.0 / 1024.0:0.0} MiB"));
        var table = new OutputTable("owners", null, "Target or judge", "Answers");
        foreach (var (owner, entries) in stats.ByOwner)
            table.Add(owner, entries);
        env.Write(settings, table);
        return AlertCli.ExitOk;
    }
}

/// <summary><c>alert cache clear</c>: all answers, or one owner's.</summary>
public sealed class CacheClearCommand(CliEnvironment env) : Command<CacheClearSettings>
{
    public override int Execute(CommandContext context, CacheClearSettings settings, CancellationToken cancellationToken)
    {
        using var cache = settings.Open();
        var removed = cache.Clear(settings.Owner);
        env.Messages(settings).WriteLine($"removed {removed} answers from {cache.Path}");
        return AlertCli.ExitOk;
    }
}
