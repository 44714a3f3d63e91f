namespace Alert.Running;

/// <summary>What a batch generation did.</summary>
public sealed record BatchSummary(int Submitted, int Resumed, int Answered, int Errors);
