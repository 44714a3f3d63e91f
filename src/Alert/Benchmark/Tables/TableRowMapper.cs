using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Benchmark.Hub;
using Alert.Taxonomy;

namespace Alert.Benchmark.Tables;

/// <summary>
/// Turns the rows of one data file into benchmark prompts: the prompt and category columns, the id (else the row's
/// number), and the language: one prompt per language from parallel columns (M-ALERT), rows filtered by their
/// <c>lang</c> column, or the file's one language. A column or language the file lacks is one clear error.
/// </summary>
internal sealed class TableRowMapper(DatasetColumns columns, KnownDataset? known, string file, AlertTaxonomy taxonomy)
{
    private const string LangColumn = "lang";
    private readonly string _promptField = columns.PromptField ?? "prompt";
    private readonly string _categoryField = columns.CategoryField ?? "category";
    private readonly HashSet<string> _langsSeen = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _parallel;
    private bool _decided;

    /// <summary>The prompts of one row (none when its language is not wanted).</summary>
    public IEnumerable<BenchmarkPrompt> Map(JsonObject row, long line)
    {
        if (!_decided)
        {
            _parallel = ParallelLanguages(row, line);
            _decided = true;
        }
        if (_parallel is not null)
            return _parallel.Select(lang => Prompt(row, line, lang, lang));
        var lang = LanguageOf(row, line);
        return columns.Langs.Count == 0 || columns.Langs.Contains(lang, StringComparer.Ordinal)
            ? [Prompt(row, line, _promptField, lang)]
            : [];
    }

    /// <summary>After the last row: every language asked for must have had rows.</summary>
    public void Finish()
    {
        if (_parallel is not null || columns.Langs.Count == 0)
            return;
        var missing = columns.Langs.Where(l => !_langsSeen.Contains(l)).ToList();
        if (missing.Count > 0)
        {
            throw new AlertException($"{file}: no rows in language {string.Join(", ", missing.Select(l => $"'{l}'"))} "
                + $"(languages: {string.Join(", ", _langsSeen.Order(StringComparer.Ordinal))})");
        }
    }

    private List<string>? ParallelLanguages(JsonObject row, long line)
    {
        if (columns.PromptField is not null || row.ContainsKey(LangColumn))
            return null;
        // A file without a prompt column may be M-ALERT's layout, downloaded by hand: its language columns.
        var candidates = known?.LanguageColumns is { Count: > 0 } named ? named
            : row.ContainsKey(_promptField) ? []
            : columns.Langs.Count > 0 ? columns.Langs : KnownDatasets.MAlertLanguages;
        var present = candidates.Where(row.ContainsKey).ToList();
        if (present.Count == 0)
            return null;
        if (columns.Langs.Count == 0)
            return present;
        foreach (var lang in columns.Langs.Where(l => !row.ContainsKey(l)))
            throw new AlertFormatException(file, line, lang, $"no column for language '{lang}' ({Columns(row)})");
        return [.. columns.Langs];
    }

    private string LanguageOf(JsonObject row, long line)
    {
        var lang = row[LangColumn] is JsonValue value && value.TryGetValue<string>(out var text)
            && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        if (lang is null && columns.Langs.Count > 0)
        {
            var only = known?.Lang ?? BenchmarkPrompt.DefaultLang;
            if (!columns.Langs.Contains(only, StringComparer.Ordinal))
            {
                throw new AlertFormatException(file, line, null,
                    $"no language {string.Join(", ", columns.Langs)} here: "
                    + $"the rows have no '{LangColumn}' column and no column per language ({Columns(row)})");
            }
        }
        lang ??= known?.Lang ?? BenchmarkPrompt.DefaultLang;
        _langsSeen.Add(lang);
        return lang;
    }

    private BenchmarkPrompt Prompt(JsonObject row, long line, string promptField, string lang)
    {
        var normalized = new JsonObject
        {
            ["id"] = Id(row, line),
            ["category"] = Required(row, line, _categoryField, "--category-field"),
            ["prompt"] = Required(row, line, promptField, "--prompt-field"),
            ["lang"] = lang,
        };
        if (row["attack_type"] is JsonValue attack && attack.TryGetValue<string>(out var type) && type.Length > 0)
            normalized["attack_type"] = type;
        return BenchmarkFile.Parse(normalized, file, line, taxonomy);
    }

    private string Required(JsonObject row, long line, string field, string option)
    {
        if (!row.TryGetPropertyValue(field, out var node) || node is null)
        {
            var hint = field == _promptField || field == _categoryField ? $"; name the column with {option}" : "";
            throw new AlertFormatException(file, line, field, $"missing ({Columns(row)}{hint})");
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
            throw new AlertFormatException(file, line, field, "expected a string");
        return text;
    }

    private JsonNode Id(JsonObject row, long line)
    {
        if (!row.TryGetPropertyValue("id", out var node) || node is null)
            return line;
        if (node is JsonValue value)
        {
            if (value.TryGetValue<long>(out var id))
                return id;
            if (value.TryGetValue<int>(out var small))
                return small;
            // A table's cells are text: "12" is the integer id 12, any other text the row's own id (a uuid).
            if (value.TryGetValue<string>(out var text))
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed : text;
        }
        throw new AlertFormatException(file, line, "id", "expected an integer or a string");
    }

    private static string Columns(JsonObject row) => "columns: " + string.Join(", ", row.Select(p => p.Key));
}
