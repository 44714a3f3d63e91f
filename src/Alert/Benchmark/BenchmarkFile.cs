using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Taxonomy;

namespace Alert.Benchmark;

/// <summary>
/// Reads and writes benchmark files in the released ALERT layout (and the identical Hugging Face
/// JSONL layout): <c>id</c>, <c>category</c>, <c>prompt</c>, optional <c>attack_type</c> and <c>source_id</c>.
/// </summary>
public static class BenchmarkFile
{
    private static readonly HashSet<string> Known = ["id", "category", "prompt", "attack_type", "source_id", "lang"];

    /// <summary>Streams the rows of <paramref name="path"/>, validating each; the first bad row throws.</summary>
    public static IAsyncEnumerable<BenchmarkPrompt> ReadAsync(
        string path, AlertTaxonomy? taxonomy = null, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(JsonlFile.ReadObjectsAsync(path, cancellationToken), path, taxonomy ?? AlertTaxonomy.Default);

    /// <summary>Streams rows from <paramref name="reader"/>; <paramref name="name"/> locates errors.</summary>
    public static IAsyncEnumerable<BenchmarkPrompt> ReadAsync(
        TextReader reader, string name, AlertTaxonomy? taxonomy = null, CancellationToken cancellationToken =
            default) =>
        ReadRowsAsync(JsonlFile.ReadObjectsAsync(reader, name, cancellationToken), name,
            taxonomy ?? AlertTaxonomy.Default);

    private static async IAsyncEnumerable<BenchmarkPrompt> ReadRowsAsync(
        IAsyncEnumerable<(long Line, JsonObject Row)> rows, string path, AlertTaxonomy taxonomy)
    {
        var seen = new SeenIds();
        await foreach (var (line, row) in rows.ConfigureAwait(false))
        {
            var prompt = Parse(row, path, line, taxonomy);
            if (!seen.Add(prompt.TextId, prompt.Id, prompt.Lang))
                throw new AlertFormatException(path, line, "id", DuplicateMessage(prompt));
            yield return prompt;
        }
    }

    // A field the row lacks, with the fields it has: the usual cause is another dataset's naming.
    private static AlertFormatException Missing(JsonObject row, string field, string path, long line) =>
        new(path, line, field, $"missing (the row has: {string.Join(", ", row.Select(p => p.Key))})");

    /// <summary>Parses one row; <paramref name="path"/> and <paramref name="line"/> locate errors. An id may be an
    /// integer or a string (kept as <see cref="BenchmarkPrompt.TextId"/>, the line number standing in as the
    /// number).</summary>
    public static BenchmarkPrompt Parse(JsonObject row, string path, long line, AlertTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(row);
        var textId = TextId(row, path, line);
        var id = textId is null
            ? JsonlFile.OptionalInteger(row, "id", path, line) ?? throw Missing(row, "id", path, line)
            : line;
        var label = row.ContainsKey("category")
            ? JsonlFile.RequireString(row, "category", path, line)
            : throw Missing(row, "category", path, line);
        if (!taxonomy.TryResolve(label, out var category))
            throw new AlertFormatException(path, line, "category",
                $"unknown category '{label}' (run 'alert taxonomy' for the labels)");
        var text = row.ContainsKey("prompt")
            ? JsonlFile.RequireString(row, "prompt", path, line)
            : throw Missing(row, "prompt", path, line);
        var attack = JsonlFile.OptionalString(row, "attack_type", path, line);
        var source = JsonlFile.OptionalInteger(row, "source_id", path, line);
        var lang = JsonlFile.OptionalString(row, "lang", path, line)?.Trim();
        if (!string.IsNullOrEmpty(lang) && !lang.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new AlertFormatException(path, line, "lang", $"'{lang}' is not a language tag (e.g. en, fr, pt-BR)");
        JsonObject? extra = null;
        foreach (var (key, value) in row)
        {
            if (Known.Contains(key))
                continue;
            extra ??= [];
            extra[key] = value?.DeepClone();
        }
        return new BenchmarkPrompt(id, category.Label, text, string.IsNullOrEmpty(attack) ? null : attack, source)
        {
            Extra = extra,
            Lang = string.IsNullOrEmpty(lang) ? BenchmarkPrompt.DefaultLang : lang,
            TextId = textId,
        };
    }

    /// <summary>A string id, as given (an empty one is an error); null for any other id.</summary>
    private static string? TextId(JsonObject row, string path, long line)
    {
        if (row["id"] is not JsonValue value || !value.TryGetValue<string>(out var text))
            return null;
        return string.IsNullOrWhiteSpace(text)
            ? throw new AlertFormatException(path, line, "id", "empty (expected an integer or a non-empty string)")
            : text;
    }

    private static string DuplicateMessage(BenchmarkPrompt prompt) =>
        prompt.Lang == BenchmarkPrompt.DefaultLang
            ? $"duplicate id {prompt.FileId}"
            : $"duplicate id {prompt.FileId} in language '{prompt.Lang}'";

    /// <summary>The row in the official field order, with extra fields after.</summary>
    public static JsonObject ToJson(BenchmarkPrompt prompt)
    {
        var row = new JsonObject
        {
            ["id"] = prompt.TextId is { } text ? text : prompt.Id,
            ["category"] = prompt.Category,
            ["prompt"] = prompt.Prompt,
        };
        if (prompt.AttackType is not null)
            row["attack_type"] = prompt.AttackType;
        if (prompt.SourceId is not null)
            row["source_id"] = prompt.SourceId;
        if (prompt.Lang != BenchmarkPrompt.DefaultLang)
            row["lang"] = prompt.Lang;
        if (prompt.Extra is not null)
        {
            foreach (var (key, value) in prompt.Extra)
                row[key] = value?.DeepClone();
        }
        return row;
    }

    /// <summary>Writes prompts as a benchmark JSONL file, atomically.</summary>
    public static async Task WriteAsync(string path, IEnumerable<BenchmarkPrompt> prompts)
    {
        await using var writer = new AtomicJsonlWriter(path);
        foreach (var p in prompts)
            await writer.WriteAsync(ToJson(p)).ConfigureAwait(false);
        await writer.CommitAsync().ConfigureAwait(false);
    }
}
