using Alert.Cli.Output;
using Spectre.Console;

namespace Alert.Cli.Infrastructure;

/// <summary>What commands get injected: the output console, the error console and the clock.</summary>
public sealed record CliEnvironment(IAnsiConsole Out, IAnsiConsole Error, TimeProvider Time)
{
    public const string OpenAIBaseUrlVariable = "OPENAI_BASE_URL";
    public const string OpenAIKeyVariable = "OPENAI_API_KEY";
    public const string JudgeKeyVariable = "ALERT_JUDGE_API_KEY";
    public const string CacheDirectoryVariable = "ALERT_CACHE_DIR";
    public const string NoCacheVariable = "ALERT_NO_CACHE";

    /// <summary>The environment, read only here (tests pass their own): keys, servers, scheduler variables.</summary>
    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Standard input, read by <c>--input -</c> (tests pass their own).</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>A variable's value, null when unset or empty.</summary>
    public string? Value(string name) => Variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>The key for OpenAI's API and OpenAI-compatible servers.</summary>
    public string? OpenAIKey => Value(OpenAIKeyVariable);

    /// <summary>The servers of a target: those given, else for an <c>openai:</c> target <c>OPENAI_BASE_URL</c> when
    /// set.</summary>
    public IReadOnlyList<string> TargetServers(string spec, IReadOnlyList<string> given) =>
        given.Count > 0 ? given
        : spec.StartsWith("openai:", StringComparison.OrdinalIgnoreCase) && Value(OpenAIBaseUrlVariable) is { } url
            ? [url]
        : [];

    /// <summary>A model judge's or classifier's server: the one given, else <c>OPENAI_BASE_URL</c>.</summary>
    public string? ModelServer(string? given) => given ?? Value(OpenAIBaseUrlVariable);

    /// <summary>Where the built-in benchmark and the answer cache live: <c>ALERT_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/alert</c>, else the library's default.</summary>
    public string? CacheDirectory =>
        Value(CacheDirectoryVariable) ?? (Value("XDG_CACHE_HOME") is { } xdg ? Path.Combine(xdg, "alert") : null);

    /// <summary>Where progress and notes go: stdout beside a table, stderr when stdout carries TSV or JSON.</summary>
    public IAnsiConsole Messages(OutputSettings settings) => settings.OutputFormat == OutputFormat.Table ? Out : Error;

    /// <summary>Prints tables in the format the command was given; piped text fits <c>COLUMNS</c> when it is
    /// set.</summary>
    public void Write(OutputSettings settings, params OutputTable[] tables) =>
        TableWriter.Write(Out, settings.OutputFormat, PipeColumns, tables);

    /// <summary>
    /// Writes a message to <paramref name="console"/>: piped with <c>COLUMNS</c> set, broken at spaces to fit it (a
    /// terminal wraps it itself); otherwise one line.
    /// </summary>
    public void WriteMessage(IAnsiConsole console, string text)
    {
        if (console.Profile.Out.IsTerminal || PipeColumns is not { } columns)
        {
            console.WriteLine(text);
            return;
        }
        foreach (var line in MessageWrap.Lines(text, columns))
            console.WriteLine(line);
    }

    /// <summary>The width piped tables fit: <c>COLUMNS</c> when set, else none (nothing is shortened).</summary>
    public int? PipeColumns =>
        int.TryParse(Value("COLUMNS"), System.Globalization.CultureInfo.InvariantCulture, out var columns)
        && columns > 0 ? columns : null;
}
