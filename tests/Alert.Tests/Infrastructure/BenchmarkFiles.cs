using System.Text.Json.Nodes;

namespace Alert.Tests.Infrastructure;

/// <summary>Small benchmark files for tests: prompt i is "Prompt i", categories in turn.</summary>
public static class BenchmarkFiles
{
    public static async Task<string> WriteAsync(TempDir dir, int count, string name = "bench.jsonl")
    {
        var path = dir.File(name);
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, count).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = categories[i % categories.Count].Label,
            ["prompt"] = Alert.Benchmark.InstructionFrame.Wrap($"Prompt {i}"),
        }.ToJsonString()));
        return path;
    }
}
