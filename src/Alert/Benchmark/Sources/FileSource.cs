using Alert.Benchmark.Tables;
using Alert.Plugins;

namespace Alert.Benchmark.Sources;

/// <summary>Benchmark files: ALERT's JSONL (as today), or JSON, CSV and Parquet with the column choices.</summary>
internal static class FileSource
{
    [AlertPlugin(Order = 20)]
    public static BenchmarkSource Source { get; } = new("file", "FILE (.jsonl, .json, .csv, .parquet)",
        "Benchmark files; repeat --benchmark for several",
        spec => File.Exists(spec) || TableRows.IsTable(spec) || spec.Contains('/', StringComparison.Ordinal)
            || spec.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal),
        LoadAsync);

    private static async Task<BenchmarkSet> LoadAsync(
        IReadOnlyList<string> paths, BenchmarkSourceContext context, CancellationToken cancellationToken)
    {
        var plain = context.Columns.IsDefault
            && paths.All(p => string.Equals(Path.GetExtension(p), ".jsonl", StringComparison.OrdinalIgnoreCase));
        if (plain)
            return await BenchmarkSet.LoadAsync(paths, cancellationToken).ConfigureAwait(false);
        var prompts = await TableBenchmark.ReadAsync(paths, context.Columns, null, cancellationToken)
            .ConfigureAwait(false);
        var hashes = new List<string> { context.Columns.ToString() };
        foreach (var path in paths)
            hashes.Add(await Common.Sha256.FileHexAsync(path, cancellationToken).ConfigureAwait(false));
        var name = string.Join(",", paths.Select(Path.GetFileName));
        return new BenchmarkSet(name, Common.Sha256.Hex(string.Join("\n", hashes)), prompts);
    }
}
