using Alert.Cli.Output;
using Spectre.Console;

namespace Alert.Cli.Infrastructure;

/// <summary>What commands get injected: the output console, the error console and the clock.</summary>
public sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, TimeProvider Time)
{
    /// <summary>The environment, read only here (tests pass their own): keys, servers, scheduler variables.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Where progress and notes go: stdout beside a table, stderr when stdout carries TSV or JSON.</summary>
    public IAnsiConsole Messages(OutputSettings settings) => settings.OutputFormat == OutputFormat.Table ? Out : Error;

    /// <summary>Prints tables in the format the command was given.</summary>
    public void Write(OutputSettings settings, params OutputTable[] tables) => TableWriter.Write(Out, settings.OutputFormat, tables);
}
