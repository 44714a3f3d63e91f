namespace Alert.Classification;

/// <summary>Sorts prompts into ALERT categories.</summary>
public interface ICategoryClassifier
{
    /// <summary>The classifier's name, stored with its labels.</summary>
    string Name { get; }
    /// <summary>One classification per text, in order.</summary>
    Task<IReadOnlyList<Classification>> ClassifyAsync(
        IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
