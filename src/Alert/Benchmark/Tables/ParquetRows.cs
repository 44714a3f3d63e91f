using System.Text.Json.Nodes;
using Parquet;
using Parquet.Schema;

namespace Alert.Benchmark.Tables;

/// <summary>
/// The rows of a Parquet file (Parquet.Net): its flat columns of strings, integers, floating point numbers and
/// booleans, one row group at a time; nested and list columns are left out. Rows are located by their number.
/// </summary>
internal static class ParquetRows
{
    /// <summary>The rows of <paramref name="path"/> as objects keyed by column name.</summary>
    public static async IAsyncEnumerable<(long Line, JsonObject Row)> ReadAsync(string path)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            throw new AlertFormatException(path, 1, null, $"not a readable Parquet file ({e.Message})");
        }
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.Fields.OfType<DataField>().Where(f => !f.IsArray).ToList();
            var number = 0L;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                using var rows = reader.OpenRowGroupReader(group);
                var count = checked((int)rows.RowCount);
                var columns = new List<(string Name, JsonNode?[] Values)>();
                foreach (var field in fields)
                    columns.Add((field.Name, await ReadColumnAsync(rows, field, count).ConfigureAwait(false)));
                for (var i = 0; i < count; i++)
                {
                    var row = new JsonObject();
                    foreach (var (name, values) in columns)
                        row[name] = values[i];
                    yield return (++number, row);
                }
            }
        }
    }

    private static async Task<JsonNode?[]> ReadColumnAsync(ParquetRowGroupReader rows, DataField field, int count)
    {
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        // Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory<char>; they read as strings all the same.
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var values = new string?[count];
            await rows.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            return [.. values.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v))];
        }
        return type switch
        {
            _ when type == typeof(long) => await ReadAsync<long>(rows, field, count).ConfigureAwait(false),
            _ when type == typeof(int) => await ReadAsync<int>(rows, field, count).ConfigureAwait(false),
            _ when type == typeof(short) => await ReadAsync<short>(rows, field, count).ConfigureAwait(false),
            _ when type == typeof(double) => await ReadAsync<double>(rows, field, count).ConfigureAwait(false),
            _ when type == typeof(float) => await ReadAsync<float>(rows, field, count).ConfigureAwait(false),
            _ when type == typeof(bool) => await ReadAsync<bool>(rows, field, count).ConfigureAwait(false),
            _ => new JsonNode?[count], // a type no benchmark column has: absent
        };
    }

    private static async Task<JsonNode?[]> ReadAsync<T>(ParquetRowGroupReader rows, DataField field, int count)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rows.ReadAsync(field, values.AsMemory(), null).ConfigureAwait(false);
            return [.. values.Select(v => v is { } value ? JsonValue.Create(value) : (JsonNode?)null)];
        }
        var plain = new T[count];
        await rows.ReadAsync(field, plain.AsMemory(), null).ConfigureAwait(false);
        return [.. plain.Select(v => (JsonNode?)JsonValue.Create(v))];
    }
}
