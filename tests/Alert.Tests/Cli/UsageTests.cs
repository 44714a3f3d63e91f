using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>Help lists every option; a usage error exits 2 with one line naming the option, what was given and what is
/// expected.</summary>
public class UsageTests
{
    private static string OneLine(CliResult result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("judge", "--input", "--out", "--judge", "--judge-base-url", "--concurrency")]
    [InlineData("classify", "--input", "--out", "--text-field", "--classifier", "--min-harm")]
    [InlineData("judge eval", "--input", "--judge")]
    [InlineData("run", "--target", "--out", "--max-requests", "--dry-run")]
    public async Task HelpListsEveryOption(string command, params string[] options)
    {
        var result = await CliHarness.RunAsync([.. command.Split(' '), "--help"]);
        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var option in options)
            Assert.Contains(option + " ", result.Out);
    }

    [Fact]
    public async Task TheBranchHelpStillListsItsSubcommands()
    {
        var result = await CliHarness.RunAsync("judge", "--help");
        Assert.Contains("COMMANDS:", result.Out);
        Assert.Matches(@"\n\s+train\s", result.Out);
        Assert.Contains("JUDGES:", result.Out);
    }

    [Theory]
    [InlineData("--judge-concurrency", "judge", "--input", "x.jsonl", "--judge-concurrency", "1")]
    [InlineData("--bogus", "classify", "--input", "x.jsonl", "--bogus")]
    [InlineData("--bogus", "judge", "train", "--bogus", "1")]
    [InlineData("--no-such-option", "run", "--target", "mock:refuse", "--out", "x", "--no-such-option")]
    public async Task UnknownOptionsAreNamedAsTyped(string option, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains($"unknown option '{option}'", line);
        Assert.DoesNotContain("'input'", line);
    }

    [Theory]
    [InlineData("--limit: 'abc' is not a whole number", "run", "--target", "mock:refuse", "--out", "x", "--limit",
        "abc")]
    [InlineData("--price-in: '0,15' is not a number (write decimals with a '.'", "run", "--target", "mock:refuse",
        "--out", "x", "--price-in", "0,15")]
    [InlineData("--concurrency: '4x' is not a whole number", "judge", "--input", "x.jsonl", "--concurrency=4x")]
    [InlineData("--base-url: 'notaurl' is not a server URL (expected http(s)://", "run", "--target", "openai:m",
        "--out", "x", "--base-url", "notaurl")]
    [InlineData("--judge-base-url: 'localhost:8000' is not a server URL", "run", "--target", "mock:refuse", "--out",
        "x", "--judge-base-url", "localhost:8000")]
    [InlineData("--method: unknown attack method 'foo' (expected one of", "attack", "--method", "foo", "--target",
        "mock:refuse", "--out", "x")]
    public async Task ValueErrorsNameTheOptionTheValueAndWhatIsExpected(string expected, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Nullable", line);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public async Task DryRunNeedsNoOut()
    {
        var result = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "7",
            "--dry-run");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"target requests\s+7", result.Out);
        Assert.Contains("dry run: nothing was sent", result.Out);
    }

    [Fact]
    public async Task AMissingCacheDirectoryIsNotCreated()
    {
        using var dir = new TempDir();
        var missing = dir.File("MISSING");
        foreach (var command in new[] { "clear", "stats" })
        {
            var result = await CliHarness.RunAsync("cache", command, "--cache", missing);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"--cache: no cache at '{missing}'", OneLine(result));
            Assert.False(Directory.Exists(missing));
        }
    }

    [Fact]
    public async Task AJudgeWithoutItsServerNamesTheJudgesSettings()
    {
        var variables = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "",
            ["OPENAI_BASE_URL"] = "",
            ["ALERT_JUDGE_API_KEY"] = ""
        };
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync(variables, "run", "--target", "mock:refuse", "--judge", "llamaguard:x",
            "--limit", "3", "--out", dir.File("run"));
        Assert.Equal(1, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains("judge llamaguard:x needs --judge-base-url", line);
        Assert.DoesNotContain("openai:", line);
        Assert.Contains("ALERT_JUDGE_API_KEY", line);
        Assert.DoesNotContain("OPENAI_API_KEY", line);
    }

    [Fact]
    public async Task ReportSelectsStoredVerdictsByJudgeSpec()
    {
        using var dir = new TempDir();
        var bench = await Running.FaultToleranceTests.WriteBenchmarkAsync(dir, 30);
        var run = dir.File("run");
        Assert.Equal(0, (await CliHarness.RunAsync(
            "run", "--benchmark", bench, "--target", "mock:comply", "--judge", "refusal", "--out", run)).ExitCode);

        var report = await CliHarness.RunAsync("report", run, "--judge", "refusal", "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Matches(@"refusal-v1 \(\d+ phrases\)\s+30\s+0\.00%", report.Out);

        var unknown = await CliHarness.RunAsync(
            "report", run, "--judge", "llamaguard:guard", "--out", dir.File("report2"));
        Assert.Equal(1, unknown.ExitCode);
        var line = OneLine(unknown);
        Assert.Contains("no verdicts from judge 'llamaguard:guard'; the run holds verdicts from: 'refusal-v1 (", line);
    }

    [Fact]
    public async Task PipedHelpIsNeitherWrappedNorPadded()
    {
        var result = await CliHarness.RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "" }, "run", "--help");
        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
        // A long description stays on one line.
        Assert.Contains(lines, l => l.Contains("--format <FORMAT>", StringComparison.Ordinal)
            && l.EndsWith("with tsv and json, stdout has only the data and messages go to stderr",
                StringComparison.Ordinal));

        // COLUMNS still wraps it, without padding.
        var narrow = await CliHarness.RunAsync(new Dictionary<string, string> { ["COLUMNS"] = "80" }, "run", "--help");
        Assert.All(narrow.Out.ReplaceLineEndings("\n").Split('\n'), line =>
            Assert.True(line.Length <= 80 && line == line.TrimEnd(), line));
    }

    [Fact]
    public async Task AnUnknownTargetProviderIsAUsageError()
    {
        var result = await CliHarness.RunAsync("run", "--target", "nope:x", "--out", "unused-run-dir");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown provider 'nope'", OneLine(result));
        Assert.False(Directory.Exists("unused-run-dir"));
    }

    [Fact]
    public async Task MalformedJsonNamesTheFileLineNotTheParsersLineZero()
    {
        using var dir = new TempDir();
        var input = dir.File("pairs.jsonl");
        await File.WriteAllTextAsync(input, "{\"prompt\":\"a\",\"response\":\"b\"}\n{\"prompt\": oops}\n");
        var result = await CliHarness.RunAsync("judge", "--input", input, "--out", dir.File("out.jsonl"), "--judge",
            "refusal");
        Assert.Equal(1, result.ExitCode);
        var line = OneLine(result);
        Assert.Contains("pairs.jsonl:2: malformed JSON", line);
        Assert.DoesNotContain("LineNumber", line);
        Assert.Contains("at byte", line);
    }
}
