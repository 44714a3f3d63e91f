using System.Globalization;
using System.Text;
using Alert.Benchmark.Generation;

namespace Alert.Bench;

/// <summary>
/// Makes the shipped corpus labels (<c>data/benchmark/hh-rlhf/labels.tsv</c>, what <c>alert build</c> reads) from
/// the hand labellers' files and measures their agreement. Given a folder with <c>labels1..4.tsv</c> (each
/// labeller's quarter of the corpus) and <c>common1..4.tsv</c> (the same 60 lines labelled by all four), it writes
/// <c>overlap.tsv</c> (those 60 lines, one column per labeller) and <c>labels.tsv</c> (every line; on the overlap
/// the majority label, ties to the first labeller). Without a folder it recomputes the agreement from the shipped
/// <c>overlap.tsv</c>. Either way it prints Cohen's kappa per labeller pair and Fleiss' kappa.
/// </summary>
internal static class LabelCorpusBench
{
    private const int Labellers = 4;
    private static string Folder => Path.Combine(Repo.Root, "data", "benchmark", "hh-rlhf");

    public static async Task RunAsync(string? labelsDirectory)
    {
        var requests = HhRlhfCorpus.ReadRequests();
        if (labelsDirectory is not null)
        {
            var overlap = ReadColumns(Enumerable.Range(1, Labellers)
                .Select(k => Path.Combine(labelsDirectory, $"common{k}.tsv")).ToList());
            var parts = Enumerable.Range(1, Labellers)
                .Select(k => ReadTsv(Path.Combine(labelsDirectory, $"labels{k}.tsv"))).ToList();
            PrintSelfConsistency(overlap, parts);
            var labels = new Dictionary<int, string>();
            foreach (var part in parts)
            {
                foreach (var (line, label) in part)
                {
                    if (!labels.TryAdd(line, label))
                        throw new InvalidOperationException($"corpus line {line} is in two labellers' parts");
                }
            }
            foreach (var (line, votes) in overlap)
                labels[line] = LabelAgreement.Majority(votes);
            var missing = requests.Select(r => r.Line).Where(l => !labels.ContainsKey(l)).ToList();
            if (missing.Count > 0 || labels.Count != requests.Count)
                throw new InvalidOperationException(
                    $"labels cover {labels.Count} lines; the corpus has {requests.Count} (missing: {missing.Count})");
            var agreement = Agreement(overlap);
            await WriteOverlapAsync(overlap);
            await WriteLabelsAsync(requests, labels, agreement);
        }
        var shipped = ReadOverlap(Path.Combine(Folder, "overlap.tsv"));
        Console.WriteLine(string.Join("\n", Agreement(shipped)));
        HandCheck();
    }

    /// <summary>Agreement lines: Fleiss' kappa, raw unanimity, then Cohen's kappa per pair.</summary>
    private static List<string> Agreement(IReadOnlyList<(int Line, string[] Votes)> overlap)
    {
        var items = overlap.Select(o => (IReadOnlyList<string>)o.Votes).ToList();
        var unanimous = overlap.Count(o => o.Votes.Distinct().Count() == 1);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Fleiss' kappa {LabelAgreement.FleissKappa(items):0.000} ({Labellers} labellers, " +
                $"{overlap.Count} lines; all four agree on {unanimous})"),
        };
        var pairs = new List<string>();
        for (var a = 0; a < Labellers; a++)
        {
            for (var b = a + 1; b < Labellers; b++)
            {
                var kappa = LabelAgreement.CohenKappa(
                    overlap.Select(o => o.Votes[a]).ToList(), overlap.Select(o => o.Votes[b]).ToList());
                var same = overlap.Count(o => o.Votes[a] == o.Votes[b]);
                pairs.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{a + 1}-{b + 1} {kappa:0.000} ({same}/{overlap.Count} same)"));
            }
        }
        lines.Add("Cohen's kappa per pair: " + string.Join(", ", pairs.Take(3)) + ",");
        lines.Add("  " + string.Join(", ", pairs.Skip(3)));
        return lines;
    }

    // A labeller who met an overlap line again in their own part: did they give it the same label twice?
    private static void PrintSelfConsistency(
        IReadOnlyList<(int Line, string[] Votes)> overlap, IReadOnlyList<Dictionary<int, string>> parts)
    {
        for (var k = 0; k < parts.Count; k++)
        {
            var again = overlap.Where(o => parts[k].ContainsKey(o.Line)).ToList();
            var same = again.Count(o => parts[k][o.Line] == o.Votes[k]);
            Console.WriteLine($"labeller {k + 1}: {same}/{again.Count} overlap lines in its own part labelled the " +
                "same both times");
        }
    }

    private static async Task WriteOverlapAsync(IReadOnlyList<(int Line, string[] Votes)> overlap)
    {
        var sb = new StringBuilder();
        foreach (var header in (string[])[
            "The 60 corpus lines every hand labeller labelled (the agreement sample); one column per labeller,",
            "in labeller order. labels.tsv takes the majority (ties: labeller 1). Made by bench label-corpus.",
            "line\tlabeller1\tlabeller2\tlabeller3\tlabeller4"])
            sb.Append("# ").Append(header).Append('\n');
        foreach (var (line, votes) in overlap)
            sb.Append(CultureInfo.InvariantCulture, $"{line}\t{string.Join('\t', votes)}\n");
        await File.WriteAllTextAsync(Path.Combine(Folder, "overlap.tsv"), sb.ToString());
    }

    private static async Task WriteLabelsAsync(
        IReadOnlyList<CorpusRequest> requests, Dictionary<int, string> labels, List<string> agreement)
    {
        var sb = new StringBuilder();
        string[] about = [
            "Taxonomy labels of the first human turns of harmless-base-test.jsonl.gz, one per corpus line ('none':",
            "outside the taxonomy), read one by one by this project's engineers (AI coding agents: four instances",
            "of one model) following the labelling guide in docs/benchmark.md. The corpus was split in four parts",
            "of 578 lines; 60 lines (overlap.tsv) were labelled by all four, and there the label is the majority's",
            "(ties: the first labeller's). Agreement on the overlap (bench label-corpus):"];
        string[] caveat = [
            "The labellers were instances of the same AI model reading one guide: their agreement overstates",
            "what independent human labellers would reach."];
        foreach (var line in about.Concat(agreement.Select(a => a.TrimStart())).Concat(caveat))
            sb.Append("# ").Append(line).Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"# corpus sha256 {HhRlhfCorpus.Sha256}\n");
        foreach (var r in requests)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Line}\t{labels[r.Line]}\thand\n");
        var path = Path.Combine(Folder, "labels.tsv");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"wrote {path}: {requests.Count} labels; " + string.Join("; ", labels.Values
            .GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count()}")));
    }

    // The earlier 60-line hand sample (other lines, other labellers) against the new labels.
    private static void HandCheck()
    {
        var labels = HhRlhfCorpus.ParseLabels(File.ReadAllText(Path.Combine(Folder, "labels.tsv")), "labels.tsv",
            HhRlhfCorpus.Sha256, Alert.Taxonomy.AlertTaxonomy.Default);
        var sample = ReadTsv(Path.Combine(Folder, "hand-check.tsv"));
        var same = sample.Count(kv => labels[kv.Key] == kv.Value);
        Console.WriteLine($"hand-check.tsv (an earlier hand sample): {same}/{sample.Count} the same micro label");
    }

    private static Dictionary<int, string> ReadTsv(string path) => File.ReadLines(path)
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
        .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => p[1].Trim());

    private static List<(int Line, string[] Votes)> ReadColumns(IReadOnlyList<string> paths)
    {
        var columns = paths.Select(p => File.ReadLines(p).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(x => (Line: int.Parse(x[0], CultureInfo.InvariantCulture), Label: x[1].Trim())).ToList()).ToList();
        return columns[0].Select((row, i) => (row.Line, columns.Select(c => c[i].Line == row.Line ? c[i].Label
            : throw new InvalidOperationException($"overlap files differ at row {i + 1}")).ToArray())).ToList();
    }

    private static List<(int Line, string[] Votes)> ReadOverlap(string path) => File.ReadLines(path)
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'))
        .Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), p[1..])).ToList();
}
