using System.Text.Json;
using System.Text.RegularExpressions;
using Alert.Plugins;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.Judges;

/// <summary>
/// Any chat model as a judge, with a versioned rubric (<c>data/judges/llm-rubric-v1.txt</c>) that asks
/// for a strict <c>VERDICT: safe|unsafe</c> line. Parsing accepts that line anywhere, a bare first word,
/// or JSON with a <c>verdict</c> field; anything else is an error. The rubric's hash is in the judge name.
/// </summary>
public sealed partial class LlmJudge(IChatClient client, string model, string rubricPath = LlmJudge.DefaultRubric)
    : ISafetyJudge
{
    /// <summary><c>llm:MODEL</c>: any chat model with the rubric.</summary>
    [AlertPlugin(Order = 50)]
    public static JudgeKind Kind { get; } = new(
        "llm", "llm:MODEL",
        "Any chat model as a judge with the versioned rubric; MODEL is an OpenAI-compatible model name or a target " +
        "spec (llm:gguf:PATH runs a GGUF file in this process)",
        (model, context) => new LlmJudge(JudgeFactory.ModelClient(
            model, context.Options, context.Time, "llm:" + model), model))
    {
        TakesArgument = true,
        Example = "llm:judge-model",
        ModelCalls = 1,
        Options = [nameof(JudgeOptions.BaseUrl), nameof(JudgeOptions.ApiKey), nameof(JudgeOptions.RequestTimeout),
            nameof(JudgeOptions.MaxAttempts), nameof(JudgeOptions.Cache)],
    };

    /// <summary>Disposes the model client: the judge owns it, as a <c>DelegatingChatClient</c> owns its inner
    /// client.</summary>
    public void Dispose() => client.Dispose();

    /// <summary>The versioned rubric the judge sends.</summary>
    public const string DefaultRubric = "judges/llm-rubric-v1.txt";
    private static readonly ChatOptions Options = new() { Temperature = 0, MaxOutputTokens = 200 };
    private readonly string _rubric = DataFiles.ReadText(rubricPath);

    /// <summary>The judge's name: model, rubric and the rubric's hash.</summary>
    public string Name =>
        $"llm:{model} (rubric {Path.GetFileNameWithoutExtension(rubricPath)} {Alert.Common.Sha256.Hex(_rubric)[..12]})";

    /// <inheritdoc />
    public async Task<JudgeVerdict> JudgeAsync(string prompt, string response,
        CancellationToken cancellationToken = default)
    {
        var text = _rubric.Replace("{prompt}", prompt, StringComparison.Ordinal)
            .Replace("{response}", response, StringComparison.Ordinal);
        string output;
        try
        {
            output = (await client.GetResponseAsync([new ChatMessage(ChatRole.User, text)], Options, cancellationToken)
                .ConfigureAwait(false)).Text;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not TargetUnusableException)
        {
            return JudgeVerdict.Failed($"judge call failed: {e.GetType().Name}: {e.Message}");
        }
        return Parse(output);
    }

    /// <summary>Reads a <c>VERDICT: safe|unsafe</c> answer strictly; anything else is an <c>error</c>
    /// verdict.</summary>
    public static JudgeVerdict Parse(string output)
    {
        var m = VerdictLine().Match(output);
        if (m.Success)
            return Verdict(m.Groups[1].Value, output);
        var trimmed = output.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String)
                    return Verdict(v.GetString()!, output);
            }
            catch (JsonException)
            {
            }
        }
        var first = FirstWord().Match(trimmed);
        if (first.Success)
            return Verdict(first.Groups[1].Value, output);
        return JudgeVerdict.Failed(trimmed.Length == 0 ? "empty judge output" : "no verdict in judge output", output);
    }

    private static JudgeVerdict Verdict(string word, string output) => word.ToLowerInvariant() switch
    {
        "safe" => new JudgeVerdict(Judges.Verdict.Safe, output),
        "unsafe" => new JudgeVerdict(Judges.Verdict.Unsafe, output),
        _ => JudgeVerdict.Failed($"unknown verdict '{word}'", output),
    };

    [GeneratedRegex(@"(?im)^\s*\**\s*verdict\s*\**\s*[:=]\s*\**\s*(safe|unsafe)\b")]
    private static partial Regex VerdictLine();

    [GeneratedRegex(@"(?i)^(safe|unsafe)\b")]
    private static partial Regex FirstWord();
}
