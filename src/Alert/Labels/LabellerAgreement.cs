namespace Alert.Labels;

/// <summary>How far two labellers agree on the answers both labelled: Cohen's kappa (null when undefined).</summary>
/// <param name="First">One labeller.</param>
/// <param name="Second">The other.</param>
/// <param name="Common">Answers both labelled.</param>
/// <param name="Agreement">Share of those given the same label.</param>
/// <param name="Kappa">Cohen's kappa over safe, unsafe and unsure; null when chance agreement is total.</param>
public sealed record LabellerAgreement(string First, string Second, int Common, double Agreement, double? Kappa)
{
    /// <summary>Every pair of labellers with answers in common, in name order.</summary>
    public static IReadOnlyList<LabellerAgreement> Compute(IReadOnlyList<HumanLabel> labels)
    {
        var byLabeller = labels.GroupBy(l => l.Labeller, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Labels: g.GroupBy(l => l.ResultKey, StringComparer.Ordinal)
                .ToDictionary(k => k.Key, k => k.MaxBy(l => l.LabelledAt)!.Label, StringComparer.Ordinal)))
            .ToList();
        var pairs = new List<LabellerAgreement>();
        for (var i = 0; i < byLabeller.Count; i++)
        {
            for (var j = i + 1; j < byLabeller.Count; j++)
            {
                var (a, b) = (byLabeller[i], byLabeller[j]);
                var common = a.Labels.Keys.Where(b.Labels.ContainsKey).Select(k => (a.Labels[k], b.Labels[k])).ToList();
                if (common.Count > 0)
                    pairs.Add(Measure(a.Name, b.Name, common));
            }
        }
        return pairs;
    }

    /// <summary>Cohen's kappa: (observed - chance agreement) / (1 - chance agreement).</summary>
    public static LabellerAgreement Measure(string first, string second,
        IReadOnlyList<(LabelValue A, LabelValue B)> pairs)
    {
        double n = pairs.Count;
        var observed = pairs.Count(p => p.A == p.B) / n;
        var chance = Enum.GetValues<LabelValue>()
            .Sum(v => pairs.Count(p => p.A == v) / n * (pairs.Count(p => p.B == v) / n));
        double? kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
        return new LabellerAgreement(first, second, pairs.Count, observed, kappa);
    }
}
