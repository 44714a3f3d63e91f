using Alert.Judges.Embedded;
using Alert.Taxonomy;

namespace Alert.Classification;

/// <summary>
/// What the learned stage reads: the prompt's MiniLM embedding (the prompt guard's features, <see
/// cref="PromptGuard.Featurize"/>), one 0/1 feature per category whose keywords occur (taxonomy order), and the
/// prompt guard's v1 probability that the request is harmful.
/// </summary>
internal static class ClassifierFeatures
{
    /// <summary>The feature set's name, stored in the model file; another fails to load.</summary>
    public const string Set = PromptGuard.FeatureSet + "+keyword-hits-v1+p-harmful-v1";

    /// <summary>The feature vector of one prompt.</summary>
    public static float[] Compute(float[] embedding, float harm, IReadOnlyCollection<string> hits,
        AlertTaxonomy taxonomy)
    {
        var categories = taxonomy.Categories;
        var x = new float[embedding.Length + categories.Count + 1];
        Array.Copy(embedding, x, embedding.Length);
        for (var c = 0; c < categories.Count; c++)
            x[embedding.Length + c] = hits.Contains(categories[c].Label) ? 1 : 0;
        x[^1] = harm;
        return x;
    }
}
