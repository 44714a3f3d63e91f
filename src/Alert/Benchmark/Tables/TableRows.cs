using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Alert.Common;

namespace Alert.Benchmark.Tables;

/// <summary>The rows of a data file, by its extension: JSONL, JSON, CSV or Parquet.</summary>
public static class TableRows
{
    /// <summary>The formats read, for messages.</summary>
    public const string Formats = ".jsonl, .json, .csv or .parquet";

    /// <summary>Whether <paramref name="path"/> has an extension this reads.</summary>
    public static bool IsTable(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".json" or ".csv" or ".parquet";

    /// <summary>
    /// Each row of <paramref name="path"/> with where it is (the line for JSONL and CSV, the row number for JSON and
    /// Parquet); a malformed file is an <see cref="AlertFormatException"/>.
    /// </summary>
    public static async IAsyncEnumerable<(long Line, JsonObject Row)> ReadAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new AlertException($"{path}: file not found");
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".json":
                foreach (var row in await JsonRows.ReadAsync(path, cancellationToken).ConfigureAwait(false))
                    yield return row;
                break;
            case ".csv":
                await foreach (var row in CsvRows.ReadAsync(path, cancellationToken).ConfigureAwait(false))
                    yield return row;
                break;
            case ".parquet":
                await foreach (var row in ParquetRows.ReadAsync(path).WithCancellation(cancellationToken)
                    .ConfigureAwait(false))
                    yield return row;
                break;
            default:
                await foreach (var row in JsonlFile.ReadObjectsAsync(path, cancellationToken).ConfigureAwait(false))
                    yield return row;
                break;
        }
    }
}
