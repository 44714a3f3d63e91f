namespace Alert.Judges.Embedded;

/// <summary>A trained model and its cross-validated agreement with the labels.</summary>
public sealed record TrainingResult(EmbeddedJudgeModel Model, JudgeMetrics CrossValidated, JudgeMetrics Training);
