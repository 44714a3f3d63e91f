using Alert.Benchmark.Sources;

namespace Alert.Tests.Plugins;

/// <summary>What every registered benchmark source promises: it is described and resolves its own specs.</summary>
public class BenchmarkSourceContractTests
{
    public static TheoryData<string> Sources => new(BenchmarkSources.Registry.All.Select(s => s.Name));

    private static readonly string[] Specs =
        ["hf:Babelscape/ALERT:alert@main", "runs/alert.jsonl", "m-alert", "alert_adversarial@v1", "data.parquet"];

    [Theory]
    [MemberData(nameof(Sources))]
    public void IsDescribedAndResolvesItsOwnSpecs(string name)
    {
        Assert.True(BenchmarkSources.Registry.TryGet(name, out var source));
        Assert.False(string.IsNullOrWhiteSpace(source.Usage));
        Assert.False(string.IsNullOrWhiteSpace(source.Description));
        // A spec goes to the first source that accepts it, and each of these to exactly one kind.
        foreach (var spec in Specs.Where(source.Accepts))
            Assert.NotNull(BenchmarkSources.Resolve(spec));
    }

    [Fact]
    public void TheBuiltInSourcesSplitTheFormsBetweenThem()
    {
        Assert.Equal("hf", BenchmarkSources.Resolve("hf:Babelscape/ALERT").Name);
        Assert.Equal("file", BenchmarkSources.Resolve("runs/alert.jsonl").Name);
        Assert.Equal("known", BenchmarkSources.Resolve("m-alert").Name);
        var error = Assert.Throws<AlertException>(() => BenchmarkSources.Resolve("no-such-thing"));
        Assert.Contains("no benchmark file or dataset 'no-such-thing'", error.Message);
    }

    [Fact]
    public async Task MixingSourcesIsAnError()
    {
        var error = await Assert.ThrowsAsync<AlertException>(() =>
            BenchmarkSources.LoadAsync(["hf:Babelscape/ALERT", "alert.jsonl"]));
        Assert.Contains("give files only, or one dataset", error.Message);
    }
}
