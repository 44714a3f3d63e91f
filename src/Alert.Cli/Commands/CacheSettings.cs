using System.ComponentModel;
using Alert.Caching;
using Alert.Cli.Output;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public class CacheSettings : OutputSettings
{
    [CommandOption("--cache <DIR>")]
    [Description("Cache directory (default: ALERT_CACHE_DIR, else ~/.cache/alert).")]
    public string? Cache { get; init; }

    /// <summary>The cache; a <c>--cache</c> directory that does not exist is an error, never created (a typo would make
    /// a new, empty cache).</summary>
    public ResponseCache Open() => Cache is not null && !Directory.Exists(Cache)
        ? throw new AlertException($"--cache: no cache at '{Cache}' (no such directory)")
        : ResponseCache.Open(Cache ?? ResponseCache.DefaultDirectory);
}
