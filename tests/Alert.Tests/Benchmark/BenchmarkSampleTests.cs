using Alert.Benchmark;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark;

/// <summary>
/// <c>--limit</c>'s sample taken in two passes picks exactly what the round-robin over materialised groups picked
/// (the sample runs and stored runs already have), without holding the set.
/// </summary>
public class BenchmarkSampleTests
{
    private static readonly string[] Categories = ["crime_theft", "hate_women", "weapon_firearm", "sex_porn"];
    private static readonly string?[] Attacks = [null, "jailbreaking", "adversarial_suffix"];

    /// <summary>The sample as it was taken before: every group's queue materialised, dequeued in turn.</summary>
    private static List<KeyedPrompt> RoundRobin(IReadOnlyList<KeyedPrompt> all, int limit)
    {
        var queues = all.GroupBy(p => (p.Prompt.Category, Kind: p.Prompt.IsBenign ? "benign" : p.Prompt.AttackKey))
            .Select(g => new Queue<KeyedPrompt>(g)).ToList();
        var picked = new HashSet<KeyedPrompt>(ReferenceEqualityComparer.Instance);
        while (picked.Count < limit)
        {
            foreach (var q in queues)
            {
                if (picked.Count < limit && q.Count > 0)
                    picked.Add(q.Dequeue());
            }
        }
        return all.Where(picked.Contains).ToList();
    }

    private static List<KeyedPrompt> RandomSet(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            // Skewed groups: some categories and attacks are much larger than others, some appear late.
            var category = Categories[Math.Min(Categories.Length - 1, (int)(random.NextDouble() * random.NextDouble()
                * Categories.Length * 1.5))];
            var prompt = new BenchmarkPrompt(i, category, $"p{i}", Attacks[random.Next(Attacks.Length)]);
            if (random.Next(10) == 0)
                prompt = prompt with { Extra = new System.Text.Json.Nodes.JsonObject { ["kind"] = "benign" } };
            return new KeyedPrompt(KeyedPrompt.KeyOf(prompt), prompt, i);
        }).ToList();
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 60)]
    [InlineData(3, 1)]
    public void PicksWhatTheRoundRobinOverMaterialisedGroupsPicked(int seed, int count)
    {
        var all = RandomSet(seed, count);
        foreach (var limit in new[] { 0, 1, 2, 5, 11, 12, 13, 30, count / 2, count - 1 }.Where(l => l < count))
        {
            var expected = RoundRobin(all, limit).Select(p => p.Key);
            Assert.Equal(expected, BenchmarkSample.Take(all, limit).Select(p => p.Key));
        }
    }

    [Fact]
    public async Task ASetReadFromItsFilesSamplesAsAHeldOne()
    {
        using var dir = new TempDir();
        var path = dir.File("set.jsonl");
        await BenchmarkFile.WriteAsync(path, RandomSet(4, 300).Select(p => p.Prompt));
        var held = await BenchmarkSet.LoadAsync([path], BenchmarkSet.HeldPrompts, CancellationToken.None);
        var read = await BenchmarkSet.LoadAsync([path], 10, CancellationToken.None);
        Assert.IsNotType<List<KeyedPrompt>>(read.Prompts);
        var expected = RoundRobin(held.Prompts, 77).Select(p => (p.Key, p.Ordinal));
        Assert.Equal(expected, read.Take(77).Prompts.Select(p => (p.Key, p.Ordinal)));
        Assert.Equal("set.jsonl (limit 77)", read.Take(77).Name);
    }
}
