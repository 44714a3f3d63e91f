using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>Sorts prompts into ALERT categories.</summary>
public interface ICategoryClassifier
{
    string Name { get; }
    Task<IReadOnlyList<Classification>> ClassifyAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
