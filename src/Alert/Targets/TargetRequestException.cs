namespace Alert.Targets;

/// <summary>A request that still failed after its last attempt; the message says how often it was tried and
/// why.</summary>
public sealed class TargetRequestException(string message, int attempts, Exception inner) : Exception(message, inner)
{
    /// <summary>Attempts made before the request failed.</summary>
    public int Attempts { get; } = attempts;
}
