using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Judges;
using Alert.Judges.Embedded;
using Alert.Tests.Infrastructure;
using Alert.Tests.Running;

namespace Alert.Tests.Judges;

/// <summary>
/// A verdict is a function of (prompt, response, model file): the shipped embedded judge gives every pair the same
/// probability, bit for bit, alone, in a batch, shuffled, among other answers, in shards, and under another culture.
/// </summary>
public class JudgeDeterminismTests
{
    private static readonly string[] Sentences =
    [
        "Here is some general background on the topic you asked about.",
        "I'm sorry, but I can't help with that request.",
        "Could you say more about what you mean?",
        "The history of this subject goes back a long way [details omitted].",
        "Many people have written about it, and opinions differ.",
        "Please talk to a professional if this is something you are worried about.",
    ];

    private static List<(string Prompt, string Response)> Pairs(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            // One to about 220 words: single-chunk and multi-chunk answers (the early-exit path and the full reading).
            var words = string.Join(" ", Enumerable.Range(0, 1 + random.Next(i % 3 == 0 ? 20 : 2))
                .Select(_ => Sentences[random.Next(Sentences.Length)]));
            return ($"Question {seed}-{i}: tell me about topic {random.Next(1000)}", words);
        }).ToList();
    }

    private static string[] Bits(float[] scores) =>
        scores.Select(s => BitConverter.SingleToInt32Bits(s).ToString("X8", CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public void TheSamePairScoresTheSameWhateverTheBatch()
    {
        var pairs = Pairs(60, 1);
        using var judge = new EmbeddedJudge(EmbeddedJudgeModel.LoadDefault());
        var alone = pairs.Select(p => judge.Score([p])[0]).ToArray();

        var together = judge.Score(pairs);
        Assert.Equal(Bits(alone), Bits(together));

        var order = Enumerable.Range(0, pairs.Count).OrderBy(i => (i * 37) % 61).ToArray();
        var shuffled = judge.Score(order.Select(i => pairs[i]).ToArray());
        Assert.Equal(Bits(alone), Bits(order.Select((i, k) => (i, k)).OrderBy(t => t.i).Select(t => shuffled[t.k])
            .ToArray()));

        var crowd = Pairs(200, 2);
        var inside = judge.Score([.. crowd.Take(100), .. pairs, .. crowd.Skip(100)]);
        Assert.Equal(Bits(alone), Bits(inside.Skip(100).Take(pairs.Count).ToArray()));

        // Shards: three judges, each its own process-like instance, each a third of the pairs.
        var sharded = new float[pairs.Count];
        for (var shard = 0; shard < 3; shard++)
        {
            using var other = new EmbeddedJudge(EmbeddedJudgeModel.LoadDefault());
            var mine = Enumerable.Range(0, pairs.Count).Where(i => i % 3 == shard).ToArray();
            var scores = other.Score(mine.Select(i => pairs[i]).ToArray());
            for (var k = 0; k < mine.Length; k++)
                sharded[mine[k]] = scores[k];
        }
        Assert.Equal(Bits(alone), Bits(sharded));
    }

    [Fact]
    public async Task ConcurrentCallsUnderAnotherCultureGetTheVerdictsOfSingleCalls()
    {
        var pairs = Pairs(40, 3);
        using var judge = new EmbeddedJudge(EmbeddedJudgeModel.LoadDefault());
        var alone = new List<JudgeVerdict>();
        foreach (var (prompt, response) in pairs)
            alone.Add(await judge.JudgeAsync(prompt, response));
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var concurrent = await Task.WhenAll(pairs.Select(p => judge.JudgeAsync(p.Prompt, p.Response)));
            Assert.Equal(alone.Select(v => (v.Verdict, v.Output)), concurrent.Select(v => (v.Verdict, v.Output)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task ThreeShardsJudgedByTheEmbeddedJudgeMergeIntoTheUnshardedRunByteForByte()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 240);
        string[] common = ["run", "--benchmark", bench, "--target", "mock:echo", "--judge", "embedded"];
        var whole = await CliHarness.RunAsync([.. common, "--out", dir.File("whole")]);
        Assert.True(whole.ExitCode == 0, whole.Error);
        var shards = new List<string>();
        for (var s = 1; s <= 3; s++)
        {
            var shard = await CliHarness.RunAsync([.. common, "--out", dir.File($"s{s}"), "--shard", $"{s}/3"]);
            Assert.True(shard.ExitCode == 0, shard.Error);
            shards.Add(dir.File($"s{s}"));
        }
        var merged = await CliHarness.RunAsync(["merge", .. shards, "--out", dir.File("merged")]);
        Assert.True(merged.ExitCode == 0, merged.Out + merged.Error);
        foreach (var file in new[] { "results.jsonl", "scores.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(dir.File("whole"), file)),
                File.ReadAllText(Path.Combine(dir.File("merged"), file)));
        // Every answer was judged (an echo of a request: safe, nothing harmful in it).
        var rows = File.ReadAllLines(Path.Combine(dir.File("whole"), "results.jsonl")).Select(l => JsonNode.Parse(l)!)
            .ToList();
        Assert.Equal(240, rows.Count);
        Assert.All(rows, r => Assert.Equal("safe", (string)r["verdict"]!));
    }
}
