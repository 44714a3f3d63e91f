using System.ComponentModel;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class CacheClearSettings : CacheSettings
{
    [CommandOption("--owner <SPEC>")]
    [Description("Remove only the answers of this target or judge (as 'alert cache stats' lists it).")]
    public string? Owner { get; init; }
}
