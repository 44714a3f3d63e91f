using Alert.Targets;

namespace Alert.Classification;

/// <summary>Creates a classifier from a spec: <c>alert</c> (in-process, default) or <c>llm:MODEL</c> (a chat model;
/// <c>llm:ollama:MODEL</c> for Ollama).</summary>
public static class ClassifierFactory
{
    /// <summary>The classifier used when none is named: the in-process taxonomy classifier.</summary>
    public const string DefaultSpec = "alert";

    /// <summary>Makes the classifier a spec names (<c>alert</c>, or <c>llm:MODEL</c> at <paramref
    /// name="baseUrl"/>).</summary>
    public static ICategoryClassifier Create(string spec, string? baseUrl = null, double? minHarm = null,
        string? apiKey = null)
    {
        if (spec == DefaultSpec)
            return new TaxonomyClassifier(minHarm);
        if (!spec.StartsWith("llm:", StringComparison.Ordinal) || spec.Length == "llm:".Length)
            throw new AlertException($"unknown classifier '{spec}' (expected 'alert' or 'llm:MODEL')");
        var model = spec["llm:".Length..];
        var hasProvider = TargetFactory.Providers.Any(
            p => model.StartsWith(p + ":", StringComparison.OrdinalIgnoreCase));
        var client = TargetFactory.Create(hasProvider ? model : "openai:" + model,
            new TargetOptions { BaseUrl = baseUrl, MaxConcurrency = 8 }, apiKey);
        return new LlmCategoryClassifier(client, model);
    }
}
