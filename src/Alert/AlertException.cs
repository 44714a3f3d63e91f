namespace Alert;

/// <summary>
/// An error the user can fix (bad input, bad option, unreachable file). The CLI prints the message
/// (never a stack trace) and exits non-zero.
/// </summary>
public class AlertException(string message, Exception? inner = null) : Exception(message, inner);
