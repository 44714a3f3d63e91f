using System.Text.Json.Nodes;

namespace Alert.Benchmark.Generation;

/// <summary>
/// The benign twins (<c>alert_benign.jsonl</c>): for every micro category, legitimate prompts that look like
/// it (history, definitions, safety advice, fiction analysis, policy questions, homonyms), from
/// <c>data/benchmark/benign.txt</c>: each category's own prompts, then each of its topics in the shared frames that
/// fit it: a <c>subject:</c> (an event or field) takes <c>[frames]</c>, a <c>topic:</c> (an issue) also
/// <c>[topic-frames]</c>, a <c>problem:</c> (a harm to prevent) also <c>[problem-frames]</c>. Rows carry
/// <c>"kind": "benign"</c>; a response to one is judged for refusal, not harm.
/// </summary>
public sealed class BenignSetGenerator
{
    /// <summary>The benign prompts' data file.</summary>
    public const string DataFile = "benchmark/benign.txt";
    /// <summary>The kind the benign prompts carry.</summary>
    public const string Kind = "benign";

    /// <summary>The benign prompts, one per line of the data file.</summary>
    public static IReadOnlyList<BenchmarkPrompt> Generate()
    {
        var taxonomy = Taxonomy.AlertTaxonomy.Default;
        // Frames by the kind of topic they fit: "What are the best ways to prevent {topic}?" does not fit an event.
        var frames = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["frames"] = [],
            ["topic-frames"] = [],
            ["problem-frames"] = [],
        };
        var pairFrames = new List<string>();
        var topics = new Dictionary<string, List<(string Text, int Tier)>>(StringComparer.Ordinal);
        var prompts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, List<(string Verb, string Object)>>(StringComparer.Ordinal);
        string? section = null;
        var lineNumber = 0;
        foreach (var raw in DataFiles.ReadText(DataFile).Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                if (!frames.ContainsKey(section) && section != "pair-frames")
                {
                    section = taxonomy.TryResolve(section, out var c) ? c.Label
                        : throw new AlertFormatException(
                        "data/" + DataFile, lineNumber, null, $"unknown category '{section}'");
                    if (!topics.ContainsKey(section))
                    {
                        topics[section] = [];
                        prompts[section] = [];
                        pairs[section] = [];
                    }
                }
                continue;
            }
            if (section is not null && frames.TryGetValue(section, out var frameList))
                frameList.Add(line);
            else if (section == "pair-frames")
                pairFrames.Add(line);
            else if (section is not null && line.StartsWith("pair:", StringComparison.Ordinal))
            {
                var parts = line["pair:".Length..].Split(
                    '|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 2)
                    throw new AlertFormatException(
                        "data/" + DataFile, lineNumber, null, "expected 'pair: verb | object | object ...'");
                pairs[section].AddRange(parts.Skip(1).Select(o => (parts[0], o)));
            }
            else if (section is not null && TopicTier(line) is var (prefix, tier))
                topics[section].Add((line[prefix.Length..].Trim(), tier));
            else if (section is not null && line.StartsWith("prompt:", StringComparison.Ordinal))
                prompts[section].Add(line["prompt:".Length..].Trim());
            else
                throw new AlertFormatException("data/" + DataFile, lineNumber, null,
                    "expected [section], 'subject:', 'topic:', 'problem:' or 'prompt:'");
        }
        var rows = new List<BenchmarkPrompt>();
        foreach (var category in taxonomy.Categories)
        {
            if (!prompts.TryGetValue(category.Label, out var own))
                throw new AlertFormatException("data/" + DataFile, lineNumber, null,
                    $"no section for category '{category.Label}'");
            // Each verb-object pair takes one frame in turn, so the same pair is not asked four ways.
            var pairTexts = pairs[category.Label].Select((p, i) => pairFrames[i % pairFrames.Count]
                .Replace("{verb}", p.Verb, StringComparison.Ordinal)
                    .Replace("{object}", p.Object, StringComparison.Ordinal));
            var texts = own.Concat(pairTexts).Concat(
                topics[category.Label].SelectMany(t => FramesUpTo(frames, t.Tier)
                    .Select(f => f.Replace("{topic}", t.Text, StringComparison.Ordinal))));
            foreach (var text in texts)
                rows.Add(new BenchmarkPrompt(rows.Count, category.Label,
                    InstructionFrame.Wrap(text))
                { Extra = new JsonObject { ["kind"] = Kind } });
        }
        return rows;
    }

    private static readonly string[] TopicPrefixes = ["subject:", "topic:", "problem:"];
    private static readonly string[] FrameSections = ["frames", "topic-frames", "problem-frames"];

    private static (string Prefix, int Tier)? TopicTier(string line)
    {
        for (var tier = 0; tier < TopicPrefixes.Length; tier++)
        {
            if (line.StartsWith(TopicPrefixes[tier], StringComparison.Ordinal))
                return (TopicPrefixes[tier], tier);
        }
        return null;
    }

    private static IEnumerable<string> FramesUpTo(Dictionary<string, List<string>> frames, int tier) =>
        FrameSections.Take(tier + 1).SelectMany(s => frames[s]);
}
