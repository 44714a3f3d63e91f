namespace Alert.Taxonomy;

/// <summary>A macro category with its Llama Guard codes and its micro categories.</summary>
public sealed record MacroCategory(
    string Id, string Name, string LlamaGuardV1, IReadOnlyList<string> LlamaGuardV3,
    IReadOnlyList<MicroCategory> Categories);
