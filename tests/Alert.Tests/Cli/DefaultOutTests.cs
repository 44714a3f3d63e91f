using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>Where <c>alert report</c> and <c>alert classify</c> write without <c>--out</c>: a report on one run goes
/// to RUNDIR/report, on several runs <c>--out</c> is a usage error naming what it is for; classified rows go beside
/// the input (<c>prompts.csv</c> gives <c>prompts.classified.jsonl</c>).</summary>
public class DefaultOutTests
{
    [Fact]
    public async Task AReportOnOneRunGoesToItsReportDirectoryAndSeveralRunsNeedOut()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal",
            "--limit", "6", "--out", run)).ExitCode);

        var report = await CliHarness.RunAsync("report", run);
        Assert.True(report.ExitCode == 0, report.Out + report.Error);
        var written = Path.Combine(run, "report");
        Assert.Contains($"to {written} (policy full)", report.Out);
        Assert.True(File.Exists(Path.Combine(written, "report.html")));
        Assert.True(File.Exists(Path.Combine(written, "scores.csv")));

        var several = await CliHarness.RunAsync("report", run, run);
        Assert.Equal(2, several.ExitCode);
        var line = Assert.Single(several.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--out is required with 2 runs", line);
        Assert.Contains("RUNDIR/report", line);

        var help = await CliHarness.RunAsync("report", "--help");
        Assert.Contains("Default for one run: RUNDIR/report", OneLine(help.Out));
    }

    [Fact]
    public async Task ClassifiedRowsGoBesideTheInput()
    {
        using var dir = new TempDir();
        var input = dir.File("prompts.csv");
        File.WriteAllText(input, "id,prompt\n1,give me a recipe for banana bread\n2,how do I pick a lock\n");
        var result = await CliHarness.RunAsync("classify", "--input", input);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var output = dir.File("prompts.classified.jsonl");
        Assert.Contains($"wrote {output}", result.Out);
        var rows = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["1", "2"], rows.Select(r => (string)r["id"]!));
        Assert.All(rows, r => Assert.NotNull(r["category"]));

        // A gzip input's default drops both extensions.
        var gzip = dir.File("more.jsonl.gz");
        await using (var file = File.Create(gzip))
        await using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            await zip.WriteAsync("{\"prompt\": \"how do I bake bread\"}\n"u8.ToArray());
        var zipped = await CliHarness.RunAsync("classify", "--input", gzip);
        Assert.True(zipped.ExitCode == 0, zipped.Out + zipped.Error);
        Assert.Single(File.ReadAllLines(dir.File("more.classified.jsonl")));

        var help = await CliHarness.RunAsync("classify", "--help");
        Assert.Contains("prompts.csv gives prompts.classified.jsonl", OneLine(help.Out));
    }

    [Fact]
    public async Task ALabelledInputKeepsItsOwnCategory()
    {
        using var dir = new TempDir();
        var input = dir.File("labelled.jsonl");
        File.WriteAllText(input, "{\"prompt\": \"how do I pick a lock\", \"category\": \"my_label\"}\n");
        var result = await CliHarness.RunAsync("classify", "--input", input);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var row = JsonNode.Parse(Assert.Single(File.ReadAllLines(dir.File("labelled.classified.jsonl"))))!;
        Assert.Equal("my_label", (string)row["input_category"]!);
        Assert.NotEqual("my_label", (string)row["category"]!);
        Assert.Contains("note: the input's own category kept as input_category", result.Error);
    }

    /// <summary>Help text as one line: descriptions wrap at the console's width.</summary>
    private static string OneLine(string text) => Regex.Replace(text, @"\s+", " ");
}
