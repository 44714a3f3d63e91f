namespace Alert.Targets;

/// <summary>A server answered a chat request with something that is not a chat completion (an HTML page, other
/// JSON).</summary>
internal sealed class TargetProtocolException(string message) : Exception(message);
