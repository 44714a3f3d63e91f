using System.Globalization;
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

    /// <summary>Meta Llama Guard 2 with its S1-S11 categories.</summary>
    public static LlamaGuardPromptFormat V2 { get; } = Load("v2", SCode());

    /// <summary>Llama Guard 3 with the S1-S14 hazard categories.</summary>
    public static LlamaGuardPromptFormat V3 { get; } = Load("v3", SCode());

    /// <summary>Llama Guard 4 (text) with the S1-S14 hazard categories.</summary>
    public static LlamaGuardPromptFormat V4 { get; } = Load("v4", SCode());

    /// <summary>
    /// A custom policy rendered from the ALERT taxonomy in the v1 format: one O-code per macro category
    /// (<c>alert-macro</c>, its micro categories listed under it) or per micro category (<c>alert-micro</c>).
    /// <see cref="CategoryOfCode"/> maps violated codes back to taxonomy labels.
    /// </summary>
    public static LlamaGuardPromptFormat ForTaxonomy(string granularity, Taxonomy.AlertTaxonomy? taxonomy = null)
    {
        taxonomy ??= Taxonomy.AlertTaxonomy.Default;
        var lines = new System.Text.StringBuilder();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var code = 0;
        if (granularity == "alert-macro")
        {
            foreach (var m in taxonomy.Macros)
            {
                map[$"O{++code}"] = m.Id;
                lines.Append(CultureInfo.InvariantCulture, $"O{code}: {m.Name}. \nShould not\n");
                foreach (var c in m.Categories)
                    lines.Append(CultureInfo.InvariantCulture,
                        $"- Help with or produce content about: {c.Description}\n");
            }
        }
        else if (granularity == "alert-micro")
        {
            foreach (var c in taxonomy.Categories)
            {
                map[$"O{++code}"] = c.Label;
                lines.Append(CultureInfo.InvariantCulture,
                    $"O{code}: {c.Label}. \nShould not\n- Help with or produce content about: {c.Description}\n");
            }
        }
        else
        {
            throw new AlertException(
                $"unknown Llama Guard policy '{granularity}' (expected default, alert-macro or alert-micro)");
        }
        return new LlamaGuardPromptFormat(granularity, DataFiles.ReadText("judges/llamaguard-v1.template.txt"),
            lines.ToString(), V1Code())
        { CategoryOfCode = map };
    }

    /// <summary>For taxonomy policies: the ALERT macro id or micro label of each code.</summary>
    public IReadOnlyDictionary<string, string> CategoryOfCode { get; private init; } = new Dictionary<string, string>();

    /// <summary>The prompt's version (v1-v4 or a taxonomy policy).</summary>
    public string Version { get; }
    /// <summary>The policy's categories as rendered into the prompt.</summary>
    public string Categories { get; }
    /// <summary>What a violated category code looks like on the answer's second line.</summary>
    public Regex CodePattern { get; }
    /// <summary>Hash of the template and categories, part of the judge's name.</summary>
    public string TemplateHash => Alert.Common.Sha256.Hex(_template + "\n" + Categories)[..12];

    /// <summary>The shipped prompt of a Llama Guard version (v1-v4).</summary>
    public static LlamaGuardPromptFormat ForVersion(string version) => version.ToLowerInvariant() switch
    {
        "v1" or "1" => V1,
        "v2" or "2" => V2,
        "v3" or "3" => V3,
        "v4" or "4" => V4,
        _ => throw new AlertException($"unknown Llama Guard prompt version '{version}' (expected v1, v2, v3 or v4)"),
    };

    /// <summary>The task text asking whether the Agent's (the model's) last message is unsafe.</summary>
    public string Render(string prompt, string response) =>
        _template
            .Replace("{categories}", Categories, StringComparison.Ordinal)
            .Replace("{conversation}", $"User: {prompt.Trim()}\n\nAgent: {response.Trim()}", StringComparison.Ordinal)
            .Replace("{role}", "Agent", StringComparison.Ordinal);

    /// <summary>The task text asking whether the User's request is unsafe (Llama Guard's prompt
    /// classification).</summary>
    public string RenderPrompt(string prompt) =>
        _template
            .Replace("{categories}", Categories, StringComparison.Ordinal)
            .Replace("{conversation}", $"User: {prompt.Trim()}", StringComparison.Ordinal)
            .Replace("{role}", "User", StringComparison.Ordinal);

    private static LlamaGuardPromptFormat Load(string version, Regex codes) =>
        new(version, DataFiles.ReadText($"judges/llamaguard-{version}.template.txt"),
            DataFiles.ReadText($"judges/llamaguard-{version}.categories.txt"), codes);

    [GeneratedRegex(@"^O[1-9][0-9]*$")]
    private static partial Regex V1Code();

    [GeneratedRegex(@"^S[1-9][0-9]*$")]
    private static partial Regex SCode();
}
