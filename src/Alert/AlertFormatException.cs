namespace Alert;

/// <summary>A problem in an input file, located by file, line and field.</summary>
public sealed class AlertFormatException(string file, long line, string? field, string problem)
    : AlertException($"{file}:{line}: {(field is null ? "" : $"field '{field}': ")}{problem}")
{
    /// <summary>The file with the bad input.</summary>
    public string File { get; } = file;
    /// <summary>The line of it (1-based).</summary>
    public long Line { get; } = line;
    /// <summary>The field, when one is at fault.</summary>
    public string? Field { get; } = field;
    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
