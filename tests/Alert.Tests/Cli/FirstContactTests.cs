using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>What a new user meets first, redirected at width 80 as through a pipe: whole values, parseable formats,
/// one-line errors.</summary>
public class FirstContactTests
{
    private static readonly string[] Labels = Alert.Taxonomy.AlertTaxonomy.Default.Categories.Select(c => c.Label)
        .ToArray();

    [Fact]
    public async Task TaxonomyKeepsEveryLabelWholeAndItsFormatsParse()
    {
        var plain = await CliHarness.RunAsync("taxonomy");
        Assert.True(plain.ExitCode == 0, plain.Error);
        var words = plain.Out.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(Labels, label => Assert.Contains(label, words));
        var lines = plain.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(2 + 32, lines.Length); // title, header, one line per category: nothing wrapped

        var tsv = await CliHarness.RunAsync("taxonomy", "--format", "tsv");
        var rows = tsv.Out.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).ToList();
        Assert.Equal(33, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        var label = Array.IndexOf(rows[0], "Label");
        Assert.Equal(Labels.Order(StringComparer.Ordinal), rows.Skip(1).Select(r => r[label])
            .Order(StringComparer.Ordinal));

        var json = await CliHarness.RunAsync("taxonomy", "--format", "json");
        var doc = JsonNode.Parse(json.Out)!;
        Assert.Equal(Labels, doc["macro_categories"]!.AsArray()
            .SelectMany(m => m!["categories"]!.AsArray().Select(c => (string)c!["label"]!)));

        var bad = await CliHarness.RunAsync("taxonomy", "--format", "xml");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--format must be table, tsv or json", bad.Error);
    }

    [Fact]
    public async Task AHostedTargetWithoutKeyOrServerNamesTheVariablesAndWritesNothing()
    {
        using var dir = new TempDir();
        var unset = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = "" };
        var result = await CliHarness.RunAsync(unset, "run", "--target", "openai:some-model", "--judge", "refusal",
            "--limit", "3", "--out", dir.File("run"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "error: openai:some-model needs OPENAI_API_KEY in the environment, or --base-url (or OPENAI_BASE_URL) " +
            "for a local server", result.Error.Trim());
        Assert.False(Directory.Exists(dir.File("run")));

        // The same variables, set, are what the run uses: the server from OPENAI_BASE_URL answers and is recorded.
        await using var server = new LoopbackChatServer(_ => "I'm sorry, but I can't help with that.");
        var set = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "", ["OPENAI_BASE_URL"] = server.BaseUrl };
        var run = await CliHarness.RunAsync(set, "run", "--target", "openai:some-model", "--judge", "refusal",
            "--limit", "3", "--no-cache", "--out", dir.File("run"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(3, server.Requests.Count);
        var manifest = JsonNode.Parse(File.ReadAllText(dir.File("run/manifest.json")))!;
        Assert.Equal($"openai:some-model @ {server.BaseUrl.TrimEnd('/')}", (string)manifest["target_server"]!);
    }

    [Fact]
    public async Task RunSummaryPrintsWholeLinesAndItsJsonParses()
    {
        using var dir = new TempDir();
        var run = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "40",
            "--no-cache", "--out", dir.File("a"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(
            "requested 40 responses (0 from the cache, 0 target errors, 0 empty), judged 40 (0 judge errors)",
            run.Out.Split('\n'));
        Assert.Contains(run.Out.Split('\n'), l =>
            l.StartsWith("category  substance_cannabis ", StringComparison.Ordinal));

        // Stdout carries the data alone; progress and notes go to stderr.
        var json = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "40",
            "--no-cache", "--out", dir.File("a"), "--format", "json");
        Assert.True(json.ExitCode == 0, json.Error);
        var scores = JsonNode.Parse(json.Out)!["scores"]!.AsArray();
        var overall = scores.Single(r => (string)r!["scope"]! == "overall")!;
        Assert.Equal(40, (int)overall["total"]!);
        Assert.Equal(100.0, (double)overall["score"]!);
        Assert.Contains("judged", json.Error);

        var tsv = await CliHarness.RunAsync("score", "--input", dir.File("a"), "--out", dir.File("s.json"), "--format",
            "tsv");
        var rows = tsv.Out.TrimEnd('\n').Split('\n').Select(l => l.Split('\t')).ToList();
        Assert.Equal(["Scope", "Name", "Score", "Band", "Safe", "Unsafe", "Errors", "Total", "CI95"], rows[0][..9]);
        var attackTypes = JsonNode.Parse(File.ReadAllText(dir.File("s.json")))!["attack_types"]!.AsObject().Count;
        Assert.Equal(1 + 6 + 32 + attackTypes + 1, rows.Count); // header, macros, categories, attack types, overall
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        Assert.Equal("100.00", rows[^1][2][..6]);
        Assert.Matches(@"^\d+\.\d\d-100\.00$", rows[^1][8]); // the interval JSON has, as text
    }

    [Fact]
    public async Task AnUnwritableOutIsOneClearLineAndExitOne()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a-file"), "");
        foreach (var path in new[] { dir.File("a-file") + "/run", "/proc/alert-cannot-write-here" })
        {
            var result = await CliHarness.RunAsync(
                "run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "2", "--out", path);
            Assert.Equal(1, result.ExitCode);
            var lines = result.Error.TrimEnd('\n').Split('\n');
            Assert.True(lines.Length <= 3, result.Error);
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            Assert.Contains(path, lines[0]);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }

        var verbose = await CliHarness.RunAsync(
            "run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "2", "--out",
            dir.File("a-file") + "/run", "--verbose");
        Assert.Equal(1, verbose.ExitCode);
        Assert.Contains("   at ", verbose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnexpectedFailureIsOneLineToo()
    {
        using var dir = new TempDir();
        // A run directory whose run.db is not a database: SQLite fails deep inside.
        Directory.CreateDirectory(dir.File("run"));
        File.WriteAllText(Path.Combine(dir.File("run"), "run.db"),
            "this is not a database, and it is long enough to have a " +
            "header............................................");
        var result = await CliHarness.RunAsync("score", "--input", dir.File("run"), "--out", dir.File("s.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.TrimEnd('\n').Split('\n').Length <= 3, result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("s.json")));
    }
}
