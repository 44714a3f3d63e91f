namespace Alert.RedTeaming;

/// <summary>What one invocation of an attack run did.</summary>
public sealed record AttackSummary(int Goals, int AlreadyDone, int Attacked, int Successes);
