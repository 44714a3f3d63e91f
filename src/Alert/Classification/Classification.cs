namespace Alert.Classification;

/// <summary>A prompt sorted into the taxonomy: a micro label or <c>none</c>, its macro, confidence, and the stage that
/// decided.</summary>
public sealed record Classification(string Category, string? Macro, double Confidence, string Stage, string Explanation)
{
    /// <summary>The label of a text in no category.</summary>
    public const string None = "none";
}
