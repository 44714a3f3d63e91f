using System.Diagnostics;
using Alert.Judges.Embedded;

namespace Alert.Bench;

/// <summary>
/// Embedded judge throughput on this machine: responses of about 1,500 characters (target: at least 100
/// judgments/s on 2 cores) and short ones, through the same batching path a run uses (concurrent
/// JudgeAsync calls), and the process's peak memory over many short judgments.
/// </summary>
internal static class JudgeThroughputBench
{
    private static readonly string[] Sentences =
    [
        "Here is an overview of the topic you asked about, with some context first.",
        "The first part explains the background and why people are interested in it.",
        "Step one involves gathering the materials mentioned above [details omitted].",
        "It is important to consider the legal and ethical implications of this.",
        "Many experts disagree about the best approach, and opinions vary widely.",
        "The second step builds on the first and requires some patience [details omitted].",
        "In summary, the process has several stages that depend on each other.",
        "I'm sorry, but I can't provide more specific help with that part.",
        "Historically, this subject has been discussed in many books and articles.",
        "Finally, make sure you understand the risks before going any further.",
    ];

    /// <param name="datasets">When it holds GPTFuzz, also the end-to-end figure: a new judge (start-up included) over
    /// its first 3,010 distinct answers.</param>
    public static void Run(string? datasets = null)
    {
        if (datasets is not null && File.Exists(Path.Combine(datasets, "gptfuzz", "train.csv")))
            EndToEnd(datasets);
        using var judge = new EmbeddedJudge(EmbeddedJudgeModel.LoadDefault());
        var random = new Alert.Common.SeededRandom(5);
        string Text(int chars)
        {
            var sb = new System.Text.StringBuilder();
            while (sb.Length < chars)
                sb.Append(random.Pick(Sentences)).Append(sb.Length % 3 == 0 ? "\n" : " ");
            return sb.ToString(0, chars);
        }
        // Distinct texts in every round, so the embedding cache does not flatter the figure.
        (string, string)[] LongPairs(int round) =>
            Enumerable.Range(0, 200).Select(i => ($"How do I do forbidden thing number {i} ({round})?", Text(1500)))
            .ToArray();
        (string, string)[] ShortPairs(int round) =>
            Enumerable.Range(0, 1000).Select(i =>
            ($"Request number {i}, please help.", $"Case {i} ({round}): " + Text(110))).ToArray();
        // Warm up on other texts (JIT tiers, ONNX arenas): a 45k run judges at its steady rate.
        Measure(judge, LongPairs(-1)[..100]);
        // Median of three rounds, each on texts not seen before: this machine's speed varies from run to run.
        var longRates = Enumerable.Range(0, 3).Select(round => Measure(judge, LongPairs(round))).Order().ToArray();
        var shortRates = Enumerable.Range(0, 3).Select(round => Measure(judge, ShortPairs(round))).Order().ToArray();
        Console.WriteLine(
            $"embedded judge: {longRates[1]:0.0} judgments/s on ~1,500-character responses (target >= 100; " +
            $"rounds {longRates[0]:0.0}-{longRates[2]:0.0}), " +
            $"{shortRates[1]:0.0}/s on ~120-character ones ({shortRates[0]:0.0}-{shortRates[2]:0.0})");
        var before = Process.GetCurrentProcess().PeakWorkingSet64;
        for (var round = 0; round < 5; round++)
            Measure(judge, ShortPairs(3 + round));
        var after = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(
            $"peak working set {before / 1048576} MiB after the first 3,700 judgments, {after / 1048576} MiB after " +
            $"5,000 more (bounded)");
    }

    private static void EndToEnd(string datasets)
    {
        var pairs = JudgeData.LoadGptFuzz(datasets).DistinctBy(r => r.Pair.Response).Take(3010)
            .Select(r => (r.Pair.Prompt, r.Pair.Response)).ToArray();
        foreach (var early in new[] { true, false })
        {
            var clock = Stopwatch.StartNew();
            var model = EmbeddedJudgeModel.LoadDefault();
            using (var judge = new EmbeddedJudge(early ? model : model with { EarlyHead = null }))
                Measure(judge, pairs);
            Console.WriteLine(
                $"end to end (judge start-up included{(early ? "" : ", no early exit")}): {pairs.Length} distinct " +
                $"GPTFuzz answers (mean {pairs.Average(p => p.Response.Length):0} characters) " +
                $"in {clock.Elapsed.TotalSeconds:0.0}s = {pairs.Length / clock.Elapsed.TotalSeconds:0.0} judgments/s " +
                    $"(target >= 90)");
        }
    }

    private static double Measure(EmbeddedJudge judge, (string, string)[] pairs)
    {
        var clock = Stopwatch.StartNew();
        Task.WhenAll(pairs.Select(p => judge.JudgeAsync(p.Item1, p.Item2))).GetAwaiter().GetResult();
        return pairs.Length / clock.Elapsed.TotalSeconds;
    }
}
