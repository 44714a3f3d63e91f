namespace Alert;

/// <summary>A problem in an input file, located by file, line and field.</summary>
public sealed class AlertFormatException(string file, long line, string? field, string problem)
    : AlertException($"{file}:{line}: {(field is null ? "" : $"field '{field}': ")}{problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;
}
