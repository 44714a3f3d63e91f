using System.Text.Json.Nodes;
using Alert.Judges;

namespace Alert.Bench;

/// <summary>The refusal detector against XSTest's human labels of 2,250 responses (full compliance, full refusal,
/// partial refusal).</summary>
internal static class RefusalBench
{
    public static void Run(string datasets)
    {
        var path = Path.Combine(datasets, "xstest", "completions.jsonl");
        var detector = new RefusalDetector();
        var labels = new[] { "1_full_compliance", "2_full_refusal", "3_partial_refusal" };
        var confusion = new int[3, 3];
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            var row = JsonNode.Parse(line)!;
            var truth = Array.IndexOf(labels, (string)row["final_label"]!);
            var predicted = (int)detector.Detect((string?)row["response"] ?? "");
            confusion[truth, predicted]++;
            n++;
        }
        var right = confusion[0, 0] + confusion[1, 1] + confusion[2, 2];
        // Refused vs not (partial counted as refusal, as over-refusal metrics do).
        var binaryRight = confusion[0, 0] + confusion[1, 1] + confusion[1, 2] + confusion[2, 1] + confusion[2, 2];
        Console.WriteLine(
            $"refusal detector vs XSTest human labels ({n} responses): 3-way accuracy {100.0 * right / n:0.0}%, " +
            $"complied-vs-refused (partial counts as refused) {100.0 * binaryRight / n:0.0}%");
        Console.WriteLine("  rows: human label; columns: detected complied / refused / partial");
        for (var t = 0; t < 3; t++)
            Console.WriteLine($"  {labels[t],-20} {confusion[t, 0],5} {confusion[t, 1],5} {confusion[t, 2],5}");
    }
}
