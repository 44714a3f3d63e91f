namespace Alert.Classification;

/// <summary>What the classifier reads of one prompt before deciding: the learned stage's features (embedding,
/// keyword hits, p_harmful), the guard's p_harmful, the keyword categories and an out-of-taxonomy phrase.</summary>
internal sealed record PromptReading(float[] Embedding, float[] Features, float Harm, List<string> Hits,
    string? Outside);
