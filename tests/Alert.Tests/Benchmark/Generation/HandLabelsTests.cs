using Alert.Benchmark.Generation;
using Alert.Taxonomy;

namespace Alert.Tests.Benchmark.Generation;

public class HandLabelsTests
{
    private static string Folder =>
        Path.Combine(Alert.Tests.Infrastructure.CliHarness.RepoRoot, "data", "benchmark", "hh-rlhf");

    [Fact]
    public void EveryCorpusLineHasOneValidHandLabelForTheShippedCorpus()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "labels.tsv"));
        Assert.Contains($"# corpus sha256 {HhRlhfCorpus.Sha256}\n", text);
        var labels = HhRlhfCorpus.ReadLabels();
        var lines = HhRlhfCorpus.ReadRequests().Select(r => r.Line).ToList();
        Assert.Equal(2312, lines.Count);
        Assert.Equal(lines.Order(), labels.Keys.Order());
        var valid = AlertTaxonomy.Default.Categories.Select(c => c.Label).Append("none").ToHashSet();
        var rows = text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
            .ToList();
        Assert.Equal(lines.Count, rows.Count);
        Assert.All(rows, r =>
            Assert.True(r.Length == 3 && valid.Contains(r[1]) && r[2] == "hand", string.Join(' ', r)));
        Assert.Contains("Fleiss' kappa", text);
    }

    [Fact]
    public void TheOverlapLinesCarryTheMajorityLabelTiesToTheFirstLabeller()
    {
        var labels = HhRlhfCorpus.ReadLabels();
        var overlap = File.ReadLines(Path.Combine(Folder, "overlap.tsv")).Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('\t')).ToList();
        Assert.Equal(60, overlap.Count);
        foreach (var row in overlap)
        {
            var votes = row[1..];
            var counts = votes.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            var majority = votes.First(v => counts[v] == counts.Values.Max());
            Assert.Equal(majority, labels[int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    [Fact]
    public void LabelsForAnotherCorpusAreRefused()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "labels.tsv"))
            .Replace(HhRlhfCorpus.Sha256, new string('0', 64), StringComparison.Ordinal);
        var e = Assert.Throws<AlertException>(() =>
            HhRlhfCorpus.ParseLabels(text, "labels.tsv", HhRlhfCorpus.Sha256, AlertTaxonomy.Default));
        Assert.Contains("labels are for corpus sha256 0000", e.Message);
    }
}
