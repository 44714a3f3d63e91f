using System.Text.Json.Nodes;
using Alert.Judges;

namespace Alert.Scoring;

/// <summary>How two judges agree on the same responses (errors of either are left out).</summary>
public sealed record JudgeAgreement(string JudgeA, string JudgeB, JudgeMetrics Metrics, IReadOnlyDictionary<string,
    int> DisagreementsByCategory)
{
    /// <summary>Responses both judges judged.</summary>
    public int Compared => Metrics.Judged;
    /// <summary>Responses where the two judges disagree.</summary>
    public int Disagreements => Metrics.FalsePositive + Metrics.FalseNegative;
    /// <summary>Share of compared responses with the same verdict.</summary>
    public double Agreement => Metrics.Accuracy;
    /// <summary>Cohen's kappa between the two judges.</summary>
    public double Kappa => Metrics.Kappa;

    /// <summary>Agreement of every pair of judges in a run's store; categories are read from the results of
    /// <paramref name="judge"/>.</summary>
    internal static async Task<List<JudgeAgreement>> ComputeAsync(Storage.RunStore store, string judge,
        CancellationToken cancellationToken)
    {
        // One judge has nothing to agree with: reading every verdict and key would only cost memory.
        if ((await store.ReadJudgeNamesAsync(cancellationToken).ConfigureAwait(false)).Count < 2)
            return [];
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var r in store.ReadResultsAsync(judge, cancellationToken).ConfigureAwait(false))
            categories[r.Key] = r.Prompt.Category;
        return Compute(await store.ReadAllVerdictsAsync(cancellationToken).ConfigureAwait(false), categories);
    }

    /// <summary>Agreement of every pair of judges that judged the same keys.</summary>
    public static List<JudgeAgreement> Compute(IEnumerable<(string Key, string Judge, Verdict Verdict)> verdicts,
        IReadOnlyDictionary<string, string> categoryOfKey)
    {
        var byJudge = verdicts.GroupBy(v => v.Judge)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Key, v => v.Verdict));
        var judges = byJudge.Keys.Order(StringComparer.Ordinal).ToList();
        var result = new List<JudgeAgreement>();
        for (var i = 0; i < judges.Count; i++)
        {
            for (var j = i + 1; j < judges.Count; j++)
            {
                var a = byJudge[judges[i]];
                var b = byJudge[judges[j]];
                // Judge B is scored against judge A as the reference: kappa is symmetric.
                var metrics = JudgeMetrics.Empty;
                var disagreements = new SortedDictionary<string, int>(StringComparer.Ordinal);
                foreach (var (key, va) in a)
                {
                    if (va == Verdict.Error || !b.TryGetValue(key, out var vb) || vb == Verdict.Error)
                        continue;
                    metrics = metrics.Add(va == Verdict.Unsafe, vb);
                    if (va != vb && categoryOfKey.TryGetValue(key, out var c))
                        disagreements[c] = disagreements.GetValueOrDefault(c) + 1;
                }
                if (metrics.Judged > 0)
                    result.Add(new JudgeAgreement(judges[i], judges[j], metrics, disagreements));
            }
        }
        return result;
    }

    /// <summary>The agreement as JSON (scores.json's judge_agreement).</summary>
    public JsonObject ToJson() => new()
    {
        ["judges"] = new JsonArray(JudgeA, JudgeB),
        ["compared"] = Compared,
        ["agreement"] = Math.Round(Agreement, 4),
        ["kappa"] = Math.Round(Kappa, 4),
        ["disagreements"] = Disagreements,
        ["disagreements_by_category"] = new JsonObject(
            DisagreementsByCategory.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
    };
}
