using Alert.Benchmark.Tables;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>JSONL, JSON, CSV and Parquet data files as benchmarks, with column and language choices.</summary>
public class TableFormatTests
{
    [Fact]
    public async Task AParquetFileWrittenHereIsReadRowByRow()
    {
        using var dir = new TempDir();
        var path = dir.File("m_alert.parquet");
        await File.WriteAllBytesAsync(path, await HubFixtures.MAlertParquetAsync(2));

        var rows = await TableRows.ReadAsync(path).ToListAsync();

        Assert.Equal(2, rows.Count);
        Assert.Equal(2L, rows[1].Line);
        Assert.Equal("{\"id\":2,\"category\":\"crime_tax\",\"en\":\"[en] placeholder request 2\","
            + "\"fr\":\"[fr] placeholder "
            + "request 2\",\"de\":\"[de] placeholder request 2\",\"es\":\"[es] placeholder request 2\",\"it\":\"[it] "
            + "placeholder request 2\"}", rows[1].Row.ToJsonString());
    }

    [Fact]
    public async Task ParallelLanguageColumnsLoadAsOnePromptPerLanguageSharingTheId()
    {
        using var dir = new TempDir();
        var path = dir.File("m_alert.csv");
        await File.WriteAllTextAsync(path,
            "id,category,en,fr\n7,crime_tax,\"Placeholder, quoted \"\"request\"\"\",Requête fictive\n");

        var all = await TableBenchmark.ReadAsync([path], new DatasetColumns { Langs = ["en", "fr"] });
        var french = await TableBenchmark.ReadAsync([path], new DatasetColumns { Langs = ["fr"] });

        Assert.Equal(["7", "7@fr"], all.Select(p => p.Key));
        // Without --lang, M-ALERT's language columns are found by name.
        Assert.Equal(all, await TableBenchmark.ReadAsync([path], DatasetColumns.Default));
        Assert.Equal("Placeholder, quoted \"request\"", all[0].Prompt.Prompt);
        var only = Assert.Single(french).Prompt;
        Assert.Equal(("fr", 7L, "Requête fictive"), (only.Lang, only.Id, only.Prompt));
    }

    [Fact]
    public async Task JsonRowsWithOtherColumnNamesAndALangColumnAreFiltered()
    {
        using var dir = new TempDir();
        var path = dir.File("rows.json");
        await File.WriteAllTextAsync(path, """
            {"rows": [
              {"row_idx": 0, "row": {"text": "Placeholder request A", "label": "hate_women", "lang": "de"}},
              {"row_idx": 1, "row": {"text": "Placeholder request B", "label": "crime_tax", "lang": "en"}}
            ]}
            """);
        var columns = new DatasetColumns { PromptField = "text", CategoryField = "label", Langs = ["de"] };

        var prompts = await TableBenchmark.ReadAsync([path], columns);

        var prompt = Assert.Single(prompts).Prompt;
        Assert.Equal((1L, "de", "hate_women", "Placeholder request A"),
            (prompt.Id, prompt.Lang, prompt.Category, prompt.Prompt));
    }

    [Theory]
    [InlineData("text", null, null,
        "field 'text': missing (columns: id, category, prompt; name the column with --prompt-field)")]
    [InlineData(null, "label", null,
        "field 'label': missing (columns: id, category, prompt; name the column with --category-field)")]
    [InlineData(null, null, "fr", "no language fr here: the rows have no 'lang' column and no column per language")]
    public async Task AColumnOrLanguageTheFileLacksIsOneLineNamingFileAndLine(
        string? prompt, string? category, string? lang, string expected)
    {
        using var dir = new TempDir();
        var path = dir.File("alert.jsonl");
        await File.WriteAllTextAsync(path,
            "{\"id\": 1, \"category\": \"crime_tax\", \"prompt\": \"Placeholder request\"}\n");
        var columns = new DatasetColumns
        {
            PromptField = prompt,
            CategoryField = category,
            Langs = lang is null ? [] : [lang],
        };

        var error = await Assert.ThrowsAsync<AlertFormatException>(() => TableBenchmark.ReadAsync([path], columns));

        Assert.StartsWith($"{path}:1: {expected}", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ALangColumnWithoutTheLanguageAskedForSaysWhichItHas()
    {
        using var dir = new TempDir();
        var path = dir.File("alert.jsonl");
        await File.WriteAllTextAsync(path,
            "{\"id\": 1, \"category\": \"crime_tax\", \"prompt\": \"Placeholder\", \"lang\": \"de\"}\n");

        var error = await Assert.ThrowsAsync<AlertException>(() =>
            TableBenchmark.ReadAsync([path], new DatasetColumns { Langs = ["it"] }));

        Assert.Equal($"{path}: no rows in language 'it' (languages: de)", error.Message);
    }
}
