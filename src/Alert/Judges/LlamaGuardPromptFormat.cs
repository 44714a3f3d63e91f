using System.Text.RegularExpressions;

namespace Alert.Judges;

/// <summary>
/// A Llama Guard prompt version: its task template and category table, as versioned data files
/// (<c>data/judges/llamaguard-*.txt</c>), and the shape of its codes.
/// </summary>
public sealed partial class LlamaGuardPromptFormat
{
    private readonly string _template;

    private LlamaGuardPromptFormat(string version, string template, string categories, Regex codePattern)
    {
        Version = version;
        _template = template.TrimEnd('\n');
        Categories = categories.TrimEnd('\n');
        CodePattern = codePattern;
    }

    /// <summary>Llama Guard v1 (LlamaGuard-7b) with its default O1-O6 policy, as used by the ALERT paper.</summary>
    public static LlamaGuardPromptFormat V1 { get; } = Load("v1", V1Code());

    /// <summary>Llama Guard 3 with the S1-S14 hazard categories.</summary>
    public static LlamaGuardPromptFormat V3 { get; } = Load("v3", V3Code());

    public string Version { get; }
    public string Categories { get; }
    public Regex CodePattern { get; }
    public string TemplateHash => Benchmark.BenchmarkSet.Sha256Hex(_template + "\n" + Categories)[..12];

    public static LlamaGuardPromptFormat ForVersion(string version) => version.ToLowerInvariant() switch
    {
        "v1" or "1" => V1,
        "v3" or "3" => V3,
        _ => throw new AlertException($"unknown Llama Guard prompt version '{version}' (expected v1 or v3)"),
    };

    /// <summary>The task text asking whether the Agent's (the model's) last message is unsafe.</summary>
    public string Render(string prompt, string response) =>
        _template
            .Replace("{categories}", Categories, StringComparison.Ordinal)
            .Replace("{conversation}", $"User: {prompt.Trim()}\n\nAgent: {response.Trim()}", StringComparison.Ordinal)
            .Replace("{role}", "Agent", StringComparison.Ordinal);

    private static LlamaGuardPromptFormat Load(string version, Regex codes) =>
        new(version, DataFiles.ReadText($"judges/llamaguard-{version}.template.txt"), DataFiles.ReadText($"judges/llamaguard-{version}.categories.txt"), codes);

    [GeneratedRegex(@"^O[1-9][0-9]*$")]
    private static partial Regex V1Code();

    [GeneratedRegex(@"^S[1-9][0-9]*$")]
    private static partial Regex V3Code();
}
