namespace Alert.RedTeaming;

/// <summary>The invocation's target budget (<see cref="AttackSettings.MaxRequests"/>) is spent: the goal stops, to
/// resume later.</summary>
internal sealed class AttackBudgetSpentException() : Exception("the target budget of this invocation is spent");
