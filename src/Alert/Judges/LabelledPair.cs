namespace Alert.Judges;

/// <summary>A (prompt, response) pair with a reference label, as used to train and evaluate judges.</summary>
public sealed record LabelledPair(string Prompt, string Response, bool Unsafe, string? Group = null,
    string? Category = null);
