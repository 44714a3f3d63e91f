namespace Alert.Storage;

/// <summary>
/// Where a call of an adaptive attack sits: its goal, method and role, and its place in the search (stream, node,
/// turn, attempt). An attack makes the same calls in the same places given the same answers, so a resumed run finds
/// each completed call by its id instead of making it again.
/// </summary>
public sealed record AttackCallId(string Goal, string Method, string Role, int Stream, int Node, int Turn,
    int Attempt = 0);
