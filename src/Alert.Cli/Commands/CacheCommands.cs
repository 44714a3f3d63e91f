using System.ComponentModel;
using System.Globalization;
using Alert.Caching;
using Alert.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public class CacheSettings : CommandSettings
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
        env.Out.WriteLine($"{stats.Path}: {stats.Entries} answers, {stats.Bytes / 1024.0 / 1024.0:0.0} MiB");
        var table = new Table().AddColumns("target or judge", "answers");
        foreach (var (owner, entries) in stats.ByOwner)
            table.AddRow(Markup.Escape(owner), entries.ToString(CultureInfo.InvariantCulture));
        env.Out.Write(table);
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
        env.Out.WriteLine($"removed {removed} answers from {cache.Path}");
        return AlertCli.ExitOk;
    }
}
