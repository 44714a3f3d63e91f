using Alert.Benchmark;
using Alert.Benchmark.Tables;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>Table benchmarks too large to hold are read from their files on each pass, with the same prompts.</summary>
public class TableStreamingTests
{
    [Fact]
    public async Task ALargeTableIsReadAgainOnEachPassWithTheSamePrompts()
    {
        using var dir = new TempDir();
        var parquet = dir.File("plain.parquet");
        await File.WriteAllBytesAsync(parquet, await HubFixtures.AlertParquetAsync(1, 40));
        var csv = dir.File("parallel.csv");
        await File.WriteAllTextAsync(csv, "id,category,en,fr\n"
            + string.Concat(Enumerable.Range(1, 30).Select(i => $"{i},crime_tax,Placeholder {i},Fictif {i}\n")));
        string[] paths = [parquet, csv];

        var held = await TableBenchmark.ReadAsync(paths, DatasetColumns.Default, null, 1000, default);
        var streamed = await TableBenchmark.ReadAsync(paths, DatasetColumns.Default, null, 50, default);

        Assert.IsType<List<KeyedPrompt>>(held);
        Assert.IsType<TablePromptList>(streamed);
        Assert.Equal(100, streamed.Count);
        Assert.Equal(held, streamed);
        Assert.Equal(held, streamed.ToList()); // a second pass reads the files again, alike
        Assert.Equal(held[73], streamed[73]);
        Assert.Equal("parallel#5@fr", streamed[49].Key);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), streamed.Select(p => p.Ordinal));
    }

    [Fact]
    public async Task AStreamedTableIsStillValidatedOnceWhenLoaded()
    {
        using var dir = new TempDir();
        var csv = dir.File("rows.csv");
        await File.WriteAllTextAsync(csv, "id,category,prompt\n1,crime_tax,Placeholder\n1,crime_tax,Placeholder\n");

        var error = await Assert.ThrowsAsync<AlertFormatException>(() =>
            TableBenchmark.ReadAsync([csv], DatasetColumns.Default, null, 0, default));

        Assert.Equal($"{csv}:3: field 'id': duplicate id 1 in language 'en'", error.Message);
    }
}
