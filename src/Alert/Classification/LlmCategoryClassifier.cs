using System.Text.RegularExpressions;
using Alert.Taxonomy;
using Microsoft.Extensions.AI;

namespace Alert.Classification;

/// <summary>
/// Classifies with a chat model and a versioned prompt (<c>data/classify/llm-classifier-v1.txt</c>): the
/// 32 labels with their descriptions, one request, and a strict <c>CATEGORY: label</c> answer. An answer
/// that names no label is <c>none</c> with confidence 0 and the raw answer in the explanation.
/// </summary>
public sealed partial class LlmCategoryClassifier(IChatClient client, string model, int concurrency = 8)
    : ICategoryClassifier
{
    /// <summary>The versioned classification prompt.</summary>
    public const string PromptPath = "classify/llm-classifier-v1.txt";
    private static readonly string Template = DataFiles.ReadText(PromptPath);
    private readonly AlertTaxonomy _taxonomy = AlertTaxonomy.Default;

    /// <summary>The classifier's name: model, prompt and its hash.</summary>
    public string Name =>
        $"llm:{model} " +
        $"(prompt {Path.GetFileNameWithoutExtension(PromptPath)} {Alert.Common.Sha256.Hex(Template)[..12]})";

    /// <summary>Classifies each text with one request to the model.</summary>
    public async Task<IReadOnlyList<Classification>> ClassifyAsync(
        IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var categories = string.Join("\n", _taxonomy.Categories.Select(c => $"- {c.Label}: {c.Description}"));
        var results = new Classification[texts.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, texts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
        {
            var prompt = Template.Replace("{categories}", categories, StringComparison.Ordinal)
                .Replace("{request}", texts[i], StringComparison.Ordinal);
            try
            {
                var answer = await client.GetResponseAsync(
                    prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = 20 }, ct).ConfigureAwait(false);
                results[i] = Parse(answer.Text);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                results[i] = new Classification(
                    Classification.None, null, 0, "llm", "error: " + Secrets.Redact(e.Message));
            }
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>Reads the model's answer strictly; an unknown label is <see cref="Classification.None"/>.</summary>
    public Classification Parse(string answer)
    {
        var match = Answer().Match(answer);
        var label = match.Success ? match.Groups[1].Value.Trim().Trim('"', '.', '`') : answer.Trim();
        if (label.Equals("none", StringComparison.OrdinalIgnoreCase))
            return new Classification(Classification.None, null, 1, "llm", "model: none");
        if (_taxonomy.TryResolve(label, out var category))
            return new Classification(category.Label, category.Macro, 1, "llm", $"model: {category.Label}");
        return new Classification(Classification.None, null, 0, "llm",
            $"unparseable answer: {answer[..Math.Min(200, answer.Length)]}");
    }

    [GeneratedRegex(@"CATEGORY:\s*([\w+\-""`.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Answer();
}
