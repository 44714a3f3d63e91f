namespace Alert.Taxonomy;

/// <summary>A micro category: one of the 32 ALERT labels (spelled exactly as released).</summary>
public sealed record MicroCategory(
    string Label, string Name, string Description, string Macro, IReadOnlyList<string> LlamaGuardV3);
