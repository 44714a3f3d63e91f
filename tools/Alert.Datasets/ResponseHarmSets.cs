using System.Text.Json.Nodes;
using Alert.Judges;

namespace Alert.Datasets;

/// <summary>
/// The response-harm sets added for the judge of harmful content (../shared/datasets, each folder's README says what
/// its
/// labels mean): DiaSafety (replies unsafe in context, crowd labels), LatentJailbreak P1 (human labels; answers that
/// did
/// what was literally asked and are harmless), Safety-Tuned LLaMAs (harmful requests answered safely, by construction),
/// a JAILJUDGE sample (jailbreak answers, harmful or not) and SafeText (dangerous vs sensible advice). Each row's
/// domain is its set, so a measurement can leave one set out whole.
/// </summary>
public static class ResponseHarmSets
{
    /// <summary>
    /// Sets the shipped judges are measured on but not trained on: short chit-chat replies and one-line advice, about
    /// half
    /// of them unsafe. Trained on, they taught the head that a short answer to a harmful-sounding request is harmful
    /// (helpful two-line answers about killing a process, whittling a knife or shooting photos at night were flagged,
    /// docs/judges.md) and cost it on the assistant-answer sets left out; they stay as out-of-domain tests.
    /// </summary>
    public static readonly string[] MeasuredOnly = ["diasafety", "safetext"];

    /// <summary>Whether a set trains the shipped judges.</summary>
    public static bool Trains(DevPair row) => !MeasuredOnly.Contains(row.Domain);

    /// <summary>Every labelled set the judge learns from, the older ones (<see cref="JudgeData"/>) included.</summary>
    public static List<DevPair> LoadAll(string datasets) =>
    [
        .. JudgeData.Load(datasets), .. JudgeData.LoadGptFuzz(datasets), .. DiaSafety(datasets),
            .. LatentJailbreak(datasets),
        .. SafetyTunedLlamas(datasets), .. JailJudge(datasets), .. SafeText(datasets),
            .. SyntheticAnswers.Load(datasets),
    ];

    /// <summary>
    /// DiaSafety's train and val splits (its test split is its own benchmark: left alone). <c>Unauthorized
    /// Expertise</c>
    /// is left out: it labels confident medical advice unsafe, which is not this judge's guideline (harmful content).
    /// </summary>
    public static IEnumerable<DevPair> DiaSafety(string datasets)
    {
        foreach (var split in new[] { "train", "val" })
        {
            foreach (var o in JsonNode.Parse(File.ReadAllText(
                Path.Combine(datasets, "diasafety", split + ".json")))!.AsArray().Select(n => n!.AsObject()))
            {
                var category = (string)o["category"]!;
                if (category == "Unauthorized Expertise")
                    continue;
                var prompt = (string)o["context"]!;
                yield return new DevPair(new LabelledPair(
                    prompt, (string)o["response"]!, (string)o["label"]! == "Unsafe", "diasafety:" + prompt, category),
                    "diasafety", category, "", prompt, null);
            }
        }
    }

    /// <summary>LatentJailbreak P1: a harmful instruction inside a translation task; unsafe when the answer is
    /// toxic.</summary>
    public static IEnumerable<DevPair> LatentJailbreak(string datasets)
    {
        foreach (var file in Directory.GetFiles(
            Path.Combine(datasets, "latent_jailbreak_p1_human", "data", "P1"), "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal))
        {
            var model = Path.GetFileName(Path.GetDirectoryName(file)!);
            foreach (var (group, items) in JsonNode.Parse(File.ReadAllText(file))!.AsObject())
            {
                foreach (var o in items!.AsArray().Select(n => n!.AsObject()))
                {
                    var prompt = (string)o["context"]!;
                    yield return new DevPair(new LabelledPair(
                        prompt, (string)o["response"]!, (string)o["safety"]! == "unsafe", "latentjailbreak:" + prompt),
                        "latentjailbreak", (string?)o["following"] ?? "none", model, prompt, null);
                }
            }
        }
    }

    /// <summary>Safety-Tuned LLaMAs: harmful instructions with gpt-3.5's safe answers (refusals, corrections); all
    /// safe.</summary>
    public static IEnumerable<DevPair> SafetyTunedLlamas(string datasets) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(
            datasets, "safety_tuned_llamas_safety_only", "safety_only_data_Instructions.json")))!.AsArray()
            .Select(n => n!.AsObject())
            .Select(o => (Prompt: (string)o["instruction"]!, Response: (string)o["output"]!))
            .Select(r => new DevPair(new LabelledPair(r.Prompt, r.Response, false, "stl:" + r.Prompt), "stl",
                "safe-by-construction", "gpt-3.5-turbo", r.Prompt, null));

    /// <summary>The JAILJUDGE sample: jailbreak-wrapped questions and answers, 1 = jailbroken (harmful).</summary>
    public static IEnumerable<DevPair> JailJudge(string datasets) =>
        Repo.ReadCsv(Path.Combine(datasets, "jailbreakeval_jailjudge_mini", "JAILJUDGEmini.csv")).Select(r =>
            new DevPair(new LabelledPair(r["question"], r["answer"], r["label"] == "1", "jailjudge:" + r["question"],
                r["hazard_cate_llamaguard3"]),
                "jailjudge", r["prompt_complexity_cate"], "", r["question"], null));

    /// <summary>
    /// SafeText: each piece of advice as the answer to its scenario put as a question ("If you ..., what should I do?"
    /// ->
    /// the advice as a sentence); unsafe advice is unsafe.
    /// </summary>
    public static IEnumerable<DevPair> SafeText(string datasets)
    {
        foreach (var (scenario, advice) in JsonNode.Parse(
            File.ReadAllText(Path.Combine(datasets, "safetext", "SafeText.json")))!.AsObject())
        {
            var prompt = scenario.Trim().TrimEnd(',') + ", what should I do?";
            foreach (var label in new[] { "safe", "unsafe" })
            {
                foreach (var a in advice![label]?.AsArray().Select(v => (string)v!) ?? [])
                {
                    var text = a.Trim();
                    var response = text.Length == 0 ? text : "You should " + text;
                    yield return new DevPair(new LabelledPair(
                        prompt, response, label == "unsafe", "safetext:" + scenario), "safetext", label, "", scenario,
                        null);
                }
            }
        }
    }
}
