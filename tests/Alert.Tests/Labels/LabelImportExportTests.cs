using System.Text.Json.Nodes;
using Alert.Labels;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Labels;

/// <summary><c>alert labels import</c> and <c>export</c> through the CLI, on a real run.</summary>
public class LabelImportExportTests
{
    private static string OneLine(CliResult result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task ImportThenExportThenImportKeepsEveryLabel()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 8);
        var file = dir.File("labels.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id": 0, "label": "safe"}""",
            """{"id": "1", "label": "unsafe", "labeller": "bo"}""",
            "",
            """{"id": 2, "label": "unsafe"}""",
        ]);
        var imported = await CliHarness.RunAsync("labels", "import", run, file, "--audit", "--labeller", "ana");
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("imported 3 labels (3 in the audit sample)", imported.Out);

        var exported = await CliHarness.RunAsync("labels", "export", run);
        Assert.True(exported.ExitCode == 0, exported.Error);
        var rows = exported.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(["0", "1", "2"], rows.Select(r => (string)r["id"]!));
        Assert.Equal(["ana", "bo", "ana"], rows.Select(r => (string)r["labeller"]!));
        Assert.Equal(["safe", "unsafe", "unsafe"], rows.Select(r => (string)r["label"]!));
        Assert.All(rows, r => Assert.True((bool)r["audit"]! && (bool)r["valid"]! && (string)r["queue"]! == "import"));

        var copy = dir.File("copy.jsonl");
        Assert.Equal(0, (await CliHarness.RunAsync("labels", "export", run, "--out", copy)).ExitCode);
        var other = dir.File("other.db");
        var again = await CliHarness.RunAsync("labels", "import", run, copy, "--labels", other);
        Assert.True(again.ExitCode == 0, again.Error);
        var back = await CliHarness.RunAsync("labels", "export", run, "--labels", other);
        Assert.Equal(Strip(exported.Out), Strip(back.Out));
    }

    /// <summary>Export rows without the time they were written (an import stamps its own).</summary>
    private static string[] Strip(string jsonl) => jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l =>
        {
            var row = JsonNode.Parse(l)!.AsObject();
            row.Remove("labelled_at");
            return row.ToJsonString();
        }).ToArray();

    [Theory]
    [InlineData("""{"id": 0, "label": "maybe"}""", "labels.jsonl:2: field 'label': 'maybe' is not safe, unsafe")]
    [InlineData("""{"id": 99, "label": "safe"}""", "labels.jsonl:2: field 'id': no result '99' in the run")]
    [InlineData("""{"label": "safe"}""", "labels.jsonl:2: field 'id': missing")]
    [InlineData("""{"id": 1, "label": "safe", "audit": 1}""", "labels.jsonl:2: field 'audit': expected true or false")]
    [InlineData("""{"id": 0, "label": "unsafe"}""", "labels.jsonl:2: field 'id': '0' is labelled by import again")]
    [InlineData("{\"id\": 1, \"label\": \"safe\"", "labels.jsonl:2: malformed JSON")]
    public async Task ABadRowIsOneLineNamingFileLineAndFieldAndNothingIsWritten(string row, string expected)
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 4);
        var file = dir.File("labels.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"id": 0, "label": "safe"}""", row]);
        var result = await CliHarness.RunAsync("labels", "import", run, file);
        Assert.Equal(1, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Exception", line);
        Assert.False(File.Exists(LabelStore.DefaultPath(run)));
    }

    [Fact]
    public async Task ExportWithoutLabelsSaysSo()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 2);
        var result = await CliHarness.RunAsync("labels", "export", run);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("labels.db: no labels", OneLine(result));
    }
}
