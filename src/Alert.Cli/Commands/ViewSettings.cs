using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

public sealed class ViewSettings : CommandSettings
{
    [CommandArgument(0, "[RUNDIR]")]
    [Description("Run directories to show (default: the current directory).")]
    public string[] Runs { get; init; } = [];

    [CommandOption("--port <N>")]
    [Description("Port to listen on (default: a free one).")]
    [DefaultValue(0)]
    public int Port { get; init; }

    [CommandOption("--host <ADDRESS>")]
    [Description("Address to bind (default 127.0.0.1, this machine only); another exposes results to the network.")]
    [DefaultValue(Alert.View.ViewOptions.LoopbackHost)]
    public string Host { get; init; } = Alert.View.ViewOptions.LoopbackHost;

    [CommandOption("--labels <FILE>")]
    [Description("Labels file for the first run (default: RUNDIR/labels.db).")]
    public string? Labels { get; init; }

    [CommandOption("--open")]
    [Description("Open the address in the default browser.")]
    public bool Open { get; init; }

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535)
            return ValidationResult.Error("--port must be between 0 and 65535");
        if (string.IsNullOrWhiteSpace(Host))
            return ValidationResult.Error("--host must not be empty");
        return base.Validate();
    }
}
