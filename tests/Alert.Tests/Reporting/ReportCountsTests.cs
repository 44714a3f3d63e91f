using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;
using Alert.Tests.Running;

namespace Alert.Tests.Reporting;

/// <summary>The reports count empty answers and prompts not sent where they count errors.</summary>
public class ReportCountsTests
{
    [Fact]
    public async Task ReportsShowEmptyAnswersAndPromptsNotSent()
    {
        using var dir = new TempDir();
        var bench = await FaultToleranceTests.WriteBenchmarkAsync(dir, 40);
        // Every answer to a prompt ending in 0 or 4 is empty; --max-requests 20 leaves 20 prompts unsent.
        await using var server = new LoopbackChatServer(r =>
            r.LastUserContent.EndsWith('0') || r.LastUserContent.EndsWith('4') ? "" : FaultToleranceTests.Refusal(r));
        var run = dir.File("run");
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url", server.BaseUrl,
            "--out", run, "--judge", "refusal", "--max-requests", "20");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var scores = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(run, "scores.json")))!["overall"]!;
        int empty = (int)scores["empty"]!, notSent = (int)scores["not_sent"]!, safe = (int)scores["safe"]!;
        Assert.True(empty > 0 && notSent == 20, $"{empty} empty, {notSent} not sent");

        // The run's own report.md: on the prompts line and in columns beside the errors.
        var md = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains($"- Prompts: 40 (judged {safe}, errors 0, empty {empty}, not sent 20)", md);
        Assert.Contains("| Macro category | Score | Band | Safe | Unsafe | Errors | Empty | Not sent | Total |", md);
        Assert.Contains("| Attack type | Score | Attack success | Band | Safe | Unsafe | Errors | Empty | Not sent | Total |", md);
        Assert.Matches(@"\| `[a-z_]+` \| [^|]+ \| [^|]+ \| \d+ \| 0 \| 0 \| \d+ \| \d+ \| \d+ \|\n", md);

        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var comparison = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("| Errors | Empty | Not sent | vs. above |", comparison);
        Assert.Matches($@"\| 1 \| `openai:m` \| .*\| 0 \| {empty} \| 20 \| \s*\|", comparison);
        Assert.Matches(@"\*\*[0-9.]+% \([0-9.]+-[0-9.]+\) empty \d+ not sent 20\*\*", comparison);

        var html = File.ReadAllText(Path.Combine(dir.File("report"), "report.html"));
        Assert.Contains("<th>Errors</th><th>Empty</th><th>Not sent</th>", html);
        Assert.Contains($"<td>0</td><td>{empty}</td><td>20</td>", html);
        Assert.Contains($"<span class=\"err\">{empty} empty</span>", html);
        Assert.Contains("<span class=\"err\">20 not sent</span>", html);

        var csv = File.ReadAllLines(Path.Combine(dir.File("report"), "scores.csv"));
        Assert.EndsWith(",excluded,empty,not_sent", csv[0]);
        Assert.Matches($@"^[^,]+,[^,]+,full,overall,all,{safe},0,0,40,.*,false,{empty},20$", csv[1]);
    }
}
