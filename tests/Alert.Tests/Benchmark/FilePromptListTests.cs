using Alert.Benchmark;
using Alert.Common;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark;

/// <summary>A set too large to hold is read from its files on each pass: the same prompts, keys and order as a
/// held one.</summary>
public class FilePromptListTests
{
    private static async Task<string[]> WriteFilesAsync(TempDir dir)
    {
        // Two files with the same name: their keys take the stem with the file's position.
        Directory.CreateDirectory(dir.File("a"));
        Directory.CreateDirectory(dir.File("b"));
        var first = dir.File(Path.Combine("a", "set.jsonl"));
        var second = dir.File(Path.Combine("b", "set.jsonl"));
        await File.WriteAllLinesAsync(first, Enumerable.Range(0, 7).Select(i =>
            $$"""{"id":{{i}},"category":"crime_theft","prompt":"plain {{i}}"}"""));
        await File.WriteAllLinesAsync(second, Enumerable.Range(0, 5).Select(i =>
            $$"""{"id":{{i}},"category":"hate_women","prompt":"framed {{i}}","attack_type":"jailbreaking",""" +
            "\"lang\":\"fr\"}"));
        return [first, second];
    }

    private static List<string> Rows(IEnumerable<KeyedPrompt> prompts) => prompts
        .Select(p => $"{p.Ordinal} {p.Key} {BenchmarkFile.ToJson(p.Prompt).ToJsonString(JsonlFile.WriteOptions)}")
        .ToList();

    [Fact]
    public async Task ReadsTheSamePromptsAsAHeldSetOnEveryPass()
    {
        using var dir = new TempDir();
        var paths = await WriteFilesAsync(dir);
        var held = await BenchmarkSet.LoadAsync(paths, BenchmarkSet.HeldPrompts, CancellationToken.None);
        var read = await BenchmarkSet.LoadAsync(paths, 3, CancellationToken.None);
        Assert.IsType<List<KeyedPrompt>>(held.Prompts);
        Assert.IsNotType<List<KeyedPrompt>>(read.Prompts);
        Assert.Equal(12, read.Prompts.Count);
        Assert.Equal((held.Name, held.Sha256), (read.Name, read.Sha256));
        Assert.Equal(Rows(held.Prompts), Rows(read.Prompts));
        Assert.Equal(Rows(held.Prompts), Rows(read.Prompts)); // a second pass reads the files again
        Assert.Equal("set.1#2@fr", read.Prompts[9].Key);
        Assert.Equal(Rows([held.Prompts[9]]), Rows([read.Prompts[9]]));
        Assert.Throws<ArgumentOutOfRangeException>(() => read.Prompts[12]);
    }

    [Fact]
    public async Task TakesAndShardsAsAHeldSetDoes()
    {
        using var dir = new TempDir();
        var paths = await WriteFilesAsync(dir);
        var held = await BenchmarkSet.LoadAsync(paths, BenchmarkSet.HeldPrompts, CancellationToken.None);
        var read = await BenchmarkSet.LoadAsync(paths, 0, CancellationToken.None);
        Assert.Equal(Rows(held.Take(4).Prompts), Rows(read.Take(4).Prompts));
        Assert.Equal(4, read.Take(4).Prompts.Count);
        Assert.Equal(Rows(held.Shard(2, 3).Prompts), Rows(read.Shard(2, 3).Prompts));
    }
}
