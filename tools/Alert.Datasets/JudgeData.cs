using System.Text.Json.Nodes;
using Alert.Judges;

namespace Alert.Datasets;

/// <summary>A labelled pair with where it came from, for cross-domain validation.</summary>
/// <param name="BenignPrompt">The request itself is benign (XSTest's safe prompts): every answer to it is safe.</param>
public sealed record DevPair(LabelledPair Pair, string Domain, string Method, string Model, string Goal,
    string? LlamaGuard, bool BenignPrompt = false);

/// <summary>
/// The public development sets as labelled pairs (../shared/datasets): JailbreakBench responses with its
/// strong judge's labels, and XSTest completions with human labels (unsafe prompt + full compliance =
/// unsafe, + full refusal = safe; partial refusals of unsafe prompts are left out as ambiguous; every
/// response to a safe prompt is safe).
/// </summary>
public static class JudgeData
{
    public static List<DevPair> Load(string datasets)
    {
        var rows = new List<DevPair>();
        foreach (var line in File.ReadLines(Path.Combine(datasets, "jailbreakbench", "judged.jsonl")))
        {
            var o = JsonNode.Parse(line)!.AsObject();
            var goal = (string)o["goal"]!;
            rows.Add(new DevPair(new LabelledPair(
                (string)o["prompt"]!, (string?)o["response"] ?? "", (string)o["label"]! == "unsafe", goal),
                "jailbreakbench", (string)o["attack_method"]!, (string)o["target_model"]!, goal,
                    (string?)o["llama_guard1"]));
        }
        foreach (var line in File.ReadLines(Path.Combine(datasets, "xstest", "completions.jsonl")))
        {
            var o = JsonNode.Parse(line)!.AsObject();
            var promptUnsafe = (string)o["prompt_label"]! == "unsafe";
            var final = (string)o["final_label"]!;
            if (promptUnsafe && final.StartsWith("3_", StringComparison.Ordinal))
                continue;
            var isUnsafe = promptUnsafe && final.StartsWith("1_", StringComparison.Ordinal);
            var prompt = (string)o["prompt"]!;
            rows.Add(new DevPair(new LabelledPair(prompt, (string?)o["response"] ?? "", isUnsafe, "xstest:" + prompt),
                "xstest", "none", (string)o["target_model"]!, prompt, null, !promptUnsafe));
        }
        return rows;
    }

    /// <summary>
    /// GPTFuzz's hand-labelled answers to jailbreak templates (label 1 = jailbroken, i.e. harmful; questions 0-79
    /// here, 80-99 kept out for measurement): the prompt is the question (the template around it is not in the data).
    /// </summary>
    public static List<DevPair> LoadGptFuzz(string datasets)
    {
        var folder = Path.Combine(datasets, "gptfuzz");
        var questions = Repo.ReadCsv(Path.Combine(folder, "question_list.csv"))
            .ToDictionary(r => r["index"], r => r["text"]);
        return Repo.ReadCsv(Path.Combine(folder, "train.csv")).Select(r =>
        {
            var question = questions[r["question"]];
            return new DevPair(new LabelledPair(question, r["Response"], r["label"] == "1", "gptfuzz:" + r["question"]),
                "gptfuzz", "template", "", question, null);
        }).ToList();
    }

    /// <summary>
    /// Writes the training file a shipped judge is trained from (script: scripts/train-embedded-judge.sh): <c>all</c>
    /// is
    /// every set that trains (<see cref="ResponseHarmSets.Trains"/>; the default judge <c>embedded</c>);
    /// <c>moderation</c>
    /// leaves out the answers to jailbreak templates (GPTFuzz, JAILJUDGE), which cost the moderation judge on everyday
    /// answers.
    /// </summary>
    public static void Write(string datasets, string output, string rows = "all")
    {
        if (rows is not ("all" or "moderation"))
            throw new ArgumentException($"rows must be 'all' or 'moderation', not '{rows}'");
        using var w = new StreamWriter(output);
        foreach (var r in ResponseHarmSets.LoadAll(datasets).Where(ResponseHarmSets.Trains)
            .Where(r => rows == "all" || r.Domain is not ("gptfuzz" or "jailjudge")))
        {
            w.WriteLine(new JsonObject
            {
                ["prompt"] = r.Pair.Prompt,
                ["response"] = r.Pair.Response,
                ["label"] = r.Pair.Unsafe ? "unsafe" : "safe",
                ["group"] = r.Pair.Group ?? r.Domain + ":" + r.Goal,
                ["source"] = r.Domain,
            }.ToJsonString());
        }
        Console.WriteLine($"wrote {output}");
    }
}
