namespace Alert.Labels;

/// <summary>
/// A run's labels checked against its stored answers: <see cref="Valid"/> still match the answer they were given on;
/// <see cref="Stale"/> were given on an answer that has changed since (or is gone) and count for nothing.
/// </summary>
/// <param name="Valid">Current labels whose answer hash matches the stored answer.</param>
/// <param name="Stale">Current labels whose answer changed or disappeared.</param>
public sealed record LabelReading(IReadOnlyList<HumanLabel> Valid, IReadOnlyList<HumanLabel> Stale);
