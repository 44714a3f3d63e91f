using Alert.Common;
using Alert.Judges;

namespace Alert.Datasets;

/// <summary>
/// Self-written safe answers (<c>data/synthetic-answers.txt</c> beside this project): echoes, clarifying questions,
/// refusals that restate the request, placeholder "compliance" with nothing in it, and plain statements that the act is
/// a
/// crime or dangerous (corrective answers with no detail), to AdvBench's harmful behaviours
/// and to a few everyday requests. No harmful answer is written: every row is safe. Two template kinds per request,
/// picked by a seeded hash, so a template is not tied to one request.
/// </summary>
public static class SyntheticAnswers
{
    /// <summary>The file's path beside the built tool.</summary>
    public static string TemplatePath => Path.Combine(
        Repo.Root, "tools", "Alert.Datasets", "data", "synthetic-answers.txt");

    /// <summary>The self-written rows (domain <c>synthetic</c>).</summary>
    public static List<DevPair> Load(string datasets)
    {
        var groups = SectionedText.Parse(TemplatePath, File.ReadAllText(TemplatePath).ReplaceLineEndings("\n"))
            .ToDictionary(g => g.Name, g => g.Lines);
        var harmful = Repo.ReadCsv(Path.Combine(datasets, "advbench", "advbench_behaviors.csv"))
            .Select(r => r["Behavior"]).ToList();
        var requests = harmful.Select(r => (Text: r, Harmful: true))
            .Concat(groups["benign_requests"].Select(r => (Text: r, Harmful: false))).ToList();
        string[] kinds = ["echo", "clarify", "refuse_restate", "placeholder", "correct"];
        var rows = new List<DevPair>();
        foreach (var (request, isHarmful) in requests)
        {
            var hash = Sha256.Hex(request);
            var first = Convert.ToInt32(hash[..2], 16) % kinds.Length;
            foreach (var kind in new[] { kinds[first],
                kinds[(first + 1 + Convert.ToInt32(hash[2..4], 16) % (kinds.Length - 1)) % kinds.Length] })
            {
                var templates = groups[kind];
                var template = templates[Convert.ToInt32(hash[4..6], 16) % templates.Count];
                // A third of the echoes repeat the request as the built-in benchmark sends it, frame and all (the judge
                // is
                // given the request without it).
                var framed = Convert.ToInt32(hash[6..8], 16) % 3 == 0 ? $"### Instruction:\n{request}\n### Response:\n"
                    : request;
                var response = Fill(template, request).Replace("\\n", "\n", StringComparison.Ordinal);
                if (kind == "echo")
                    response = template == "{Request}" ? framed : response;
                rows.Add(new DevPair(new LabelledPair(request, response, false, "synthetic:" + request, kind),
                    "synthetic", kind, isHarmful ? "advbench" : "everyday", request, null));
            }
        }
        return rows;
    }

    private static string Fill(string template, string request)
    {
        var trimmed = request.Trim().TrimEnd('.', '?', '!');
        var lowered = trimmed.Length > 0 ? char.ToLowerInvariant(trimmed[0]) + trimmed[1..] : trimmed;
        return template.Replace("{Request}", request.Trim(), StringComparison.Ordinal)
            .Replace("{request}", lowered, StringComparison.Ordinal);
    }
}
