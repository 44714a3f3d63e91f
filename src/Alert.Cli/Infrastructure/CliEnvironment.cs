using Spectre.Console;

namespace Alert.Cli.Infrastructure;

/// <summary>What commands get injected: the output console, the error console and the clock.</summary>
public sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, TimeProvider Time);
