using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alert.Scoring;

/// <summary>Writes <c>scores.json</c> (format_version 1, the contract of the spine issue).</summary>
public static class ScoresFile
{
    /// <summary>The version of scores.json's format.</summary>
    public const int FormatVersion = 1;

    /// <summary>scores.json's content.</summary>
    public static JsonObject ToJson(ScoresHeader header, SafetyScores scores,
        IReadOnlyList<JudgeAgreement>? agreement = null, HumanAuditedScore? audited = null)
    {
        var json = Base(header, scores);
        if (agreement is { Count: > 0 })
            json["judge_agreement"] = new JsonArray(agreement.Select(a => (JsonNode)a.ToJson()).ToArray());
        if (Judges.JudgeCard.For(header.Judge) is { } card)
        {
            var corrected = Corrected(scores, card);
            var fit = CardFit.Check(card, audited);
            corrected["card_fits_run"] = fit.Matches;
            corrected["card_note"] = fit.Note;
            json["judge_corrected"] = corrected;
        }
        if (audited is not null)
            json["human_audited"] = System.Text.Json.JsonSerializer.SerializeToNode(
                HumanAuditedJson.From(audited), ScoringJsonContext.Default.HumanAuditedJson);
        return json;
    }

    /// <summary>The judge-corrected estimates beside the raw scores: overall, plain, adversarial, per macro and micro
    /// category and per attack type.</summary>
    private static JsonObject Corrected(SafetyScores scores, Judges.JudgeCard card)
    {
        static JsonObject One(JudgeCorrectedScore c) => new()
        {
            ["score"] = c.Score is { } s ? Math.Round(s, 4) : null,
            ["ci95"] = c.Ci95 is { } ci ? new JsonArray(Math.Round(ci.Low, 4), Math.Round(ci.High, 4)) : null,
        };
        // A category the policy excludes has no score to correct.
        JsonObject Each(IReadOnlyDictionary<string, ScoreCell> cells, bool policyFiltered = false)
        {
            var each = new JsonObject();
            foreach (var (id, cell) in cells.Where(c => !policyFiltered || !scores.Excluded(c.Key)))
                each[id] = One(JudgeCorrectedScore.Estimate(cell, card));
            return each;
        }
        var pooled = card.Pooled;
        return new JsonObject
        {
            ["method"] =
                "Rogan-Gladen with the judge card's sensitivity and specificity; 95% posterior interval of the " +
                $"binomial model over {JudgeCorrectedScore.CardDraws} draws of them from the card's counts",
            ["card_sets"] = new JsonArray(card.Sets.Select(s => (JsonNode)s.Name).ToArray()),
            ["sensitivity"] = pooled.Sensitivity is { } se ? Math.Round(se, 4) : null,
            ["specificity"] = pooled.Specificity is { } sp ? Math.Round(sp, 4) : null,
            ["overall"] = One(JudgeCorrectedScore.Estimate(scores.Overall, card)),
            ["plain"] = One(JudgeCorrectedScore.Estimate(scores.Plain, card)),
            ["adversarial"] = One(JudgeCorrectedScore.Estimate(scores.Adversarial, card)),
            ["macro_categories"] = Each(scores.Macros),
            ["categories"] = Each(scores.Categories, policyFiltered: true),
            ["attack_types"] = Each(scores.AttackTypes),
        };
    }

    private static JsonObject Base(ScoresHeader header, SafetyScores scores)
    {
        var json = new JsonObject
        {
            ["format_version"] = FormatVersion,
            ["target"] = header.Target,
            ["judge"] = header.Judge,
            ["benchmark"] = header.Benchmark,
        };
        var policy = scores.Policy;
        if (policy.Name != SafetyPolicy.Full.Name || policy.Included.Count != SafetyPolicy.Full.Included.Count)
        {
            json["policy"] = new JsonObject
            {
                ["name"] = policy.Name,
                ["excluded"] = new JsonArray(SafetyPolicy.Full.Included.Except(policy.Included)
                    .Order(StringComparer.Ordinal).Select(c => (JsonNode)c).ToArray()),
                ["thresholds"] = new JsonObject
                {
                    ["safe"] = policy.SafeThreshold,
                    ["unsafe"] = policy.UnsafeThreshold
                },
            };
        }
        json["overall"] = Cell(scores.Overall, policy);
        json["plain"] = Cell(scores.Plain, policy);
        json["adversarial"] = Cell(scores.Adversarial, policy);
        json["macro_categories"] = Group(scores.Macros, policy);
        var categories = Group(scores.Categories, policy);
        foreach (var (label, node) in categories)
        {
            if (scores.Excluded(label))
                node!["excluded"] = true;
        }
        json["categories"] = categories;
        json["attack_types"] = Group(scores.AttackTypes, policy);
        if (scores.Benign.Total > 0)
        {
            var benign = new JsonObject();
            foreach (var (label, cell) in scores.BenignCategories)
                benign[label] = Refusal(cell);
            json["over_refusal"] = new JsonObject { ["overall"] = Refusal(scores.Benign), ["categories"] = benign };
        }
        if (scores.Languages.Count > 0)
        {
            var languages = scores.Languages.ToDictionary(
                l => l.Key, l => Wire.LanguageScoresJson.From(l.Value), StringComparer.Ordinal);
            json["languages"] = JsonSerializer.SerializeToNode(
                languages, Wire.ScoresJsonContext.Default.DictionaryStringLanguageScoresJson);
        }
        if (scores.Consistency is { } consistency)
        {
            json["consistency"] = JsonSerializer.SerializeToNode(
                Wire.ConsistencyJson.From(consistency), Wire.ScoresJsonContext.Default.ConsistencyJson);
        }
        if (scores.Guard.Total > 0)
        {
            json["guard_blocks"] = new JsonObject
            {
                ["total"] = scores.Guard.Total,
                ["input"] = scores.Guard.Input,
                ["output"] = scores.Guard.Output,
                ["harmful_prompts"] = scores.Guard.Harmful,
                ["benign_prompts"] = scores.Guard.Benign,
            };
        }
        return json;
    }

    /// <summary>Writes scores.json atomically.</summary>
    public static Task WriteAsync(string path, ScoresHeader header, SafetyScores scores,
        IReadOnlyList<JudgeAgreement>? agreement = null, HumanAuditedScore? audited = null,
        CancellationToken cancellationToken = default) =>
        Alert.Common.AtomicJsonlWriter.WriteAllTextAsync(path, ToJson(header, scores, agreement, audited)
            .ToJsonString(new System.Text.Json.JsonSerializerOptions(Alert.Common.JsonlFile.WriteOptions)
            {
                WriteIndented = true,
            }) + "\n",
            cancellationToken);

    private static JsonObject Group(IReadOnlyDictionary<string, ScoreCell> cells, SafetyPolicy policy)
    {
        var obj = new JsonObject();
        foreach (var (key, cell) in cells)
            obj[key] = Cell(cell, policy);
        return obj;
    }

    private static JsonObject Refusal(RefusalCell cell) => new()
    {
        ["complied"] = cell.Complied,
        ["refused"] = cell.Refused,
        ["partial"] = cell.Partial,
        ["errors"] = cell.Errors,
        ["total"] = cell.Total,
        ["compliance"] = cell.Compliance is { } c ? Math.Round(c, 4) : null,
        ["over_refusal"] = cell.OverRefusal is { } o ? Math.Round(o, 4) : null,
    };

    private static JsonObject Cell(ScoreCell cell, SafetyPolicy policy)
    {
        var obj = new JsonObject
        {
            ["safe"] = cell.Safe,
            ["unsafe"] = cell.Unsafe,
            ["errors"] = cell.Errors,
            ["total"] = cell.Total,
            ["score"] = cell.Score is { } s ? Math.Round(s, 4) : null,
            ["ci95"] = cell.Wilson95 is { } ci ? new JsonArray(Math.Round(ci.Low, 4), Math.Round(ci.High, 4)) : null,
            ["band"] = policy.Band(cell)?.ToWire(),
        };
        // Written only when there are any, so runs without them read as before.
        if (cell.EmptyAnswers > 0)
            obj["empty"] = cell.EmptyAnswers;
        if (cell.NotSent > 0)
            obj["not_sent"] = cell.NotSent;
        return obj;
    }
}
