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

    public ResponseCache Open() => ResponseCache.Open(Cache ?? ResponseCache.DefaultDirectory);
}
