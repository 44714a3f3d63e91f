namespace Alert.Bench;

/// <summary>Chance-corrected agreement between labellers on the same items (nominal labels).</summary>
internal static class LabelAgreement
{
    /// <summary>Cohen's kappa of two labellers: (observed - expected) / (1 - expected), expected from each
    /// labeller's own label shares.</summary>
    public static double CohenKappa(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var n = a.Count;
        var observed = (double)a.Zip(b).Count(p => p.First == p.Second) / n;
        var sharesA = a.GroupBy(x => x).ToDictionary(g => g.Key, g => (double)g.Count() / n);
        var expected = b.GroupBy(x => x).Sum(g => sharesA.GetValueOrDefault(g.Key) * g.Count() / n);
        return expected >= 1 ? 1 : (observed - expected) / (1 - expected);
    }

    /// <summary>Fleiss' kappa of any number of labellers who each labelled every item (<paramref name="items"/>:
    /// one list of labels per item).</summary>
    public static double FleissKappa(IReadOnlyList<IReadOnlyList<string>> items)
    {
        var raters = items[0].Count;
        var total = items.Count * raters;
        double meanAgreement = 0;
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var counts = item.GroupBy(x => x).Select(g => (g.Key, Count: g.Count())).ToList();
            meanAgreement += counts.Sum(c => (double)c.Count * (c.Count - 1)) / (raters * (raters - 1));
            foreach (var (label, count) in counts)
                shares[label] = shares.GetValueOrDefault(label) + (double)count / total;
        }
        meanAgreement /= items.Count;
        var expected = shares.Values.Sum(p => p * p);
        return expected >= 1 ? 1 : (meanAgreement - expected) / (1 - expected);
    }

    /// <summary>The most frequent label; a tie goes to the earliest labeller's among the tied.</summary>
    public static string Majority(IReadOnlyList<string> labels)
    {
        var counts = labels.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var most = counts.Values.Max();
        return labels.First(l => counts[l] == most);
    }
}
