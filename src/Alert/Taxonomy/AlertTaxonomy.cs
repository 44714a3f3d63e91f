using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alert.Taxonomy;

/// <summary>
/// The ALERT safety risk taxonomy (spec §1), loaded from <c>data/taxonomy/alert-taxonomy.json</c>.
/// </summary>
public sealed class AlertTaxonomy
{
    private readonly FrozenDictionary<string, MicroCategory> _byLabel;
    private readonly FrozenDictionary<string, string> _aliases;
    private readonly FrozenDictionary<string, MacroCategory> _macros;

    private AlertTaxonomy(TaxonomyFile file)
    {
        Version = file.Version;
        LlamaGuardV1Codes = file.LlamaGuardV1;
        LlamaGuardV3Codes = file.LlamaGuardV3;
        Macros = file.MacroCategories.Select(m => new MacroCategory(
            m.Id, m.Name, m.LlamaGuardV1, m.LlamaGuardV3,
            m.Categories.Select(c => new MicroCategory(c.Label, c.Name, c.Description, m.Id, c.LlamaGuardV3))
                .ToArray()))
            .ToArray();
        Categories = Macros.SelectMany(m => m.Categories).ToArray();
        _byLabel = Categories.ToFrozenDictionary(c => c.Label, StringComparer.Ordinal);
        _macros = Macros.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        _aliases = file.Aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The taxonomy shipped with this build.</summary>
    public static AlertTaxonomy Default { get; } = Load();

    /// <summary>The taxonomy's version.</summary>
    public string Version { get; }
    /// <summary>The six macro categories, each with its micro categories.</summary>
    public IReadOnlyList<MacroCategory> Macros { get; }
    /// <summary>All 32 micro categories, grouped by macro in the paper's order.</summary>
    public IReadOnlyList<MicroCategory> Categories { get; }
    /// <summary>Llama Guard v1's policy code for each category.</summary>
    public IReadOnlyDictionary<string, string> LlamaGuardV1Codes { get; }
    /// <summary>Llama Guard v3's policy code for each category.</summary>
    public IReadOnlyDictionary<string, string> LlamaGuardV3Codes { get; }

    /// <summary>A macro category by id; an unknown one is an <see cref="AlertException"/>.</summary>
    public MacroCategory Macro(string id) =>
        _macros.TryGetValue(id, out var m) ? m : throw new AlertException($"unknown macro category '{id}'");

    /// <summary>
    /// Resolves a label as found in input data: the official spelling, or a known alias
    /// (<c>crime_kidnap</c>, <c>sex_harassment</c>) mapped to the official spelling.
    /// </summary>
    public bool TryResolve(string label, out MicroCategory category)
    {
        if (_aliases.TryGetValue(label, out var official))
            label = official;
        return _byLabel.TryGetValue(label, out category!);
    }

    /// <summary>A micro category by label; an unknown one is an <see cref="AlertException"/>.</summary>
    public MicroCategory Resolve(string label) =>
        TryResolve(label, out var c) ? c : throw new AlertException($"unknown category '{label}'");

    private static AlertTaxonomy Load()
    {
        using var stream = DataFiles.Open("taxonomy/alert-taxonomy.json");
        var file = JsonSerializer.Deserialize<TaxonomyFile>(stream, TaxonomyJson.Options)
            ?? throw new AlertException("taxonomy data file is empty");
        return new AlertTaxonomy(file);
    }

    private sealed record TaxonomyFile(
        string Version,
        Dictionary<string, string> Aliases,
        [property: JsonPropertyName("llama_guard_v1")] Dictionary<string, string> LlamaGuardV1,
        [property: JsonPropertyName("llama_guard_v3")] Dictionary<string, string> LlamaGuardV3,
        [property: JsonPropertyName("macro_categories")] List<MacroEntry> MacroCategories);

    private sealed record MacroEntry(
        string Id, string Name,
        [property: JsonPropertyName("llama_guard_v1")] string LlamaGuardV1,
        [property: JsonPropertyName("llama_guard_v3")] string[] LlamaGuardV3,
        List<MicroEntry> Categories);

    private sealed record MicroEntry(
        string Label, string Name, string Description,
        [property: JsonPropertyName("llama_guard_v3")] string[] LlamaGuardV3);

    private static class TaxonomyJson
    {
        public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
    }
}
