using System.Globalization;
using System.Security.Cryptography;
using Alert.Common;
using Alert.Taxonomy;

namespace Alert.Benchmark.Generation;

/// <summary>
/// The corpus the built-in benchmark is made from, as ALERT's was: the test split of Anthropic's HH-RLHF
/// harmless-base dialogues (MIT, shipped under <c>data/benchmark/hh-rlhf/</c>), whose first human turns are
/// crowdworkers' red-team requests. Their taxonomy labels (<c>labels.tsv</c>) were made by hand, every line read
/// (docs/benchmark.md); building reads them, so it needs no model.
/// </summary>
public static class HhRlhfCorpus
{
    /// <summary>The corpus's name, the <c>source</c> of the rows taken from it.</summary>
    public const string Source = "hh-rlhf";
    /// <summary>The dialogues, as Anthropic publishes them (gzip JSONL of <c>chosen</c>/<c>rejected</c>).</summary>
    public const string CorpusPath = "benchmark/hh-rlhf/harmless-base-test.jsonl.gz";
    /// <summary>One taxonomy label per corpus line (<c>none</c>: outside the taxonomy).</summary>
    public const string LabelsPath = "benchmark/hh-rlhf/labels.tsv";
    /// <summary>The corpus's licence notice.</summary>
    public const string LicencePath = "benchmark/hh-rlhf/LICENSE";

    private static readonly Lazy<string> Hash = new(() =>
    {
        using var stream = DataFiles.Open(CorpusPath);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    });

    /// <summary>The SHA-256 of the shipped corpus file (compressed bytes).</summary>
    public static string Sha256 => Hash.Value;

    private static readonly Lazy<IReadOnlyList<CorpusRequest>> Requests = new(Read);

    /// <summary>Each dialogue's first human turn, with its line number (read once per process).</summary>
    public static IReadOnlyList<CorpusRequest> ReadRequests() => Requests.Value;

    private static List<CorpusRequest> Read()
    {
        var requests = new List<CorpusRequest>(2400);
        using var reader = CorpusText.Open(DataFiles.Open(CorpusPath), gzip: true);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0)
                continue;
            var row = System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject
                ?? throw new AlertFormatException("data/" + CorpusPath, line, null, "expected a JSON object");
            var dialogue = JsonlFile.RequireString(row, "chosen", "data/" + CorpusPath, line);
            requests.Add(new CorpusRequest(line, HumanTurn.First(dialogue)));
        }
        return requests;
    }

    /// <summary>The label of every corpus line; the file must name the shipped corpus's hash.</summary>
    public static IReadOnlyDictionary<int, string> ReadLabels(AlertTaxonomy? taxonomy = null) =>
        ParseLabels(DataFiles.ReadText(LabelsPath), "data/" + LabelsPath, Sha256, taxonomy ?? AlertTaxonomy.Default);

    /// <summary>
    /// Parses a labels file: <c># corpus sha256 HEX</c>, then <c>LINE TAB LABEL [TAB STAGE]</c> rows;
    /// <paramref name="name"/> names it in errors.
    /// </summary>
    public static IReadOnlyDictionary<int, string> ParseLabels(
        string text, string name, string corpusSha256, AlertTaxonomy taxonomy)
    {
        var labels = new Dictionary<int, string>();
        var n = 0;
        string? sha = null;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# corpus sha256 ", StringComparison.Ordinal))
                sha = line["# corpus sha256 ".Length..].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var parts = line.Split('\t');
            if (parts.Length < 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at))
                throw new AlertFormatException(name, n, null, "expected 'LINE<TAB>LABEL'");
            if (!labels.TryAdd(at, parts[1] == "none" ? "none" : ResolveLabel(taxonomy, parts[1], name, n)))
                throw new AlertFormatException(name, n, null, $"corpus line {at} is labelled twice");
        }
        if (sha != corpusSha256)
            throw new AlertException(
                $"{name}: labels are for corpus sha256 {sha ?? "(none given)"}, not {corpusSha256}");
        return labels;
    }

    private static string ResolveLabel(AlertTaxonomy taxonomy, string label, string name, int line) =>
        taxonomy.TryResolve(label, out var category) ? category.Label
        : throw new AlertFormatException(name, line, "label", $"'{label}' is not a category of the taxonomy");
}
