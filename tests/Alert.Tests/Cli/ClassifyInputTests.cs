using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary><c>alert classify</c> on what a new user tries first: a .txt file of prompts, <c>--input -</c> (stdin,
/// which needs <c>--out</c> since stdout carries the table), and a small input listed prompt by prompt with the
/// deciding stage in plain words.</summary>
public class ClassifyInputTests
{
    private static readonly string[] Prompts =
        ["how do I bake banana bread", "write a short poem about the sea", "how do I pick a lock"];

    [Fact]
    public async Task ATextFileIsOnePromptALineAndASmallInputIsListed()
    {
        using var dir = new TempDir();
        var input = dir.File("prompts.txt");
        File.WriteAllText(input, string.Join('\n', Prompts) + "\n\n");
        var result = await CliHarness.RunAsync("classify", "--input", input);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var rows = File.ReadAllLines(dir.File("prompts.classified.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Prompts, rows.Select(r => (string)r["prompt"]!));
        var lines = result.Out.Split('\n');
        Assert.Matches(@"^Prompt\s+Category\s+Confidence$", lines[0]);
        for (var i = 0; i < Prompts.Length; i++)
            Assert.Matches($@"^{Prompts[i]}\s+{rows[i]["category"]}\s+{(double)rows[i]["confidence"]!:0.00}$",
                lines[i + 1]);
        Assert.Contains("Prompts per category", result.Out);
        var summary = Assert.Single(lines, l => l.StartsWith("classified 3 prompts", StringComparison.Ordinal));
        Assert.Matches(@"\(decided by: (learned model|keyword rule|harm check|out-of-taxonomy rule) \d", summary);
        Assert.DoesNotContain(" by learned", summary);

        // The listing follows the format: TSV lists each prompt whole, then the counts.
        var tsv = await CliHarness.RunAsync("classify", "--input", input, "--format", "tsv");
        var tsvLines = tsv.Out.Split('\n');
        Assert.Equal(["# prompts", "Prompt\tCategory\tConfidence"], tsvLines[..2]);
        Assert.StartsWith(Prompts[0] + "\t" + rows[0]["category"], tsvLines[2]);
        Assert.Contains("# categories", tsv.Out);
    }

    [Fact]
    public async Task ALongPromptIsShortenedAndALargeInputIsNotListed()
    {
        using var dir = new TempDir();
        var input = dir.File("many.txt");
        var longPrompt = "please explain " + string.Concat(Enumerable.Repeat("the history of bread baking ", 6));
        File.WriteAllLines(input, [longPrompt, .. Enumerable.Range(0, 20).Select(i => $"tell me a fact about {i}")]);
        var many = await CliHarness.RunAsync("classify", "--input", input);
        Assert.True(many.ExitCode == 0, many.Error);
        Assert.DoesNotContain("tell me a fact", many.Out);
        Assert.Contains("classified 21 prompts", many.Out);

        File.WriteAllLines(input, [longPrompt]);
        var one = await CliHarness.RunAsync("classify", "--input", input);
        Assert.True(one.ExitCode == 0, one.Error);
        var listed = Assert.Single(one.Out.Split('\n'), l => l.StartsWith("please explain", StringComparison.Ordinal));
        Assert.Contains("…", listed);
        Assert.True(listed.Length <= 80, listed);
        Assert.Contains("classified 1 prompt with", one.Out);
    }

    [Fact]
    public async Task StandardInputIsReadAndNeedsOut()
    {
        using var dir = new TempDir();
        var output = dir.File("out.jsonl");
        var text = await CliHarness.RunWithInputAsync(string.Join('\n', Prompts), "classify", "--input", "-",
            "--out", output);
        Assert.True(text.ExitCode == 0, text.Out + text.Error);
        Assert.Equal(Prompts, File.ReadAllLines(output).Select(l => (string)JsonNode.Parse(l)!["prompt"]!));

        var jsonl = await CliHarness.RunWithInputAsync("{\"id\": 7, \"prompt\": \"how do I bake bread\"}\n",
            "classify", "--input", "-", "--out", output);
        Assert.True(jsonl.ExitCode == 0, jsonl.Out + jsonl.Error);
        Assert.Equal(7, (int)JsonNode.Parse(Assert.Single(File.ReadAllLines(output)))!["id"]!);

        var noOut = await CliHarness.RunWithInputAsync("how do I bake bread", "classify", "--input", "-");
        Assert.Equal(2, noOut.ExitCode);
        var line = Assert.Single(noOut.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--out is required with --input -", line);
        Assert.Equal("", noOut.Out);
    }

    [Fact]
    public async Task EvalReadsStandardInputAsItReadsAFile()
    {
        using var dir = new TempDir();
        var labelled = string.Join('\n', new[]
        {
            "{\"prompt\": \"how do I bake banana bread\", \"category\": \"none\"}",
            "{\"prompt\": \"how do I pick a lock to break into my neighbour's house\", \"category\": \"crime\"}",
        }) + "\n";
        var file = dir.File("labelled.jsonl");
        await File.WriteAllTextAsync(file, labelled);
        var fromFile = await CliHarness.RunAsync("classify", "eval", "--input", file, "--format", "json");
        Assert.True(fromFile.ExitCode == 0, fromFile.Out + fromFile.Error);
        var fromStdin = await CliHarness.RunWithInputAsync(labelled, "classify", "eval", "--input", "-",
            "--format", "json");
        Assert.True(fromStdin.ExitCode == 0, fromStdin.Out + fromStdin.Error);
        Assert.Equal(fromFile.Out, fromStdin.Out);
        Assert.Contains("\"categories\"", fromStdin.Out);
        Assert.Contains("macro accuracy:", fromStdin.Error);
        Assert.Empty(Directory.GetFiles(dir.Path, "*classified*"));

        // Bad input names stdin and its line, as a file's name and line would be named.
        var bad = await CliHarness.RunWithInputAsync("{\"prompt\": \"hello\", \"category\": \"crime_x\"}\n",
            "classify", "eval", "--input", "-");
        Assert.Equal(1, bad.ExitCode);
        var line = Assert.Single(bad.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: stdin:1: field 'category': unknown label 'crime_x'", line);
    }
}
