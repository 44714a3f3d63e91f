namespace Alert;

/// <summary>
/// An error the user can fix (bad input, bad option, unreachable file). The CLI prints the message
/// (never a stack trace) and exits non-zero.
/// </summary>
public class AlertException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A problem in an input file, located by file, line and field.</summary>
public sealed class AlertFormatException(string file, long line, string? field, string problem)
    : AlertException($"{file}:{line}: {(field is null ? "" : $"field '{field}': ")}{problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string? Field { get; } = field;
    public string Problem { get; } = problem;
}
