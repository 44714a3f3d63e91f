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
        var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:m", "--base-url",
            server.BaseUrl,
            "--out", run, "--judge", "refusal", "--max-requests", "20");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var scores = System.Text.Json.Nodes.JsonNode.Parse(
            File.ReadAllText(Path.Combine(run, "scores.json")))!["overall"]!;
        int empty = (int)scores["empty"]!, notSent = (int)scores["not_sent"]!, safe = (int)scores["safe"]!;
        Assert.True(empty > 0 && notSent == 20, $"{empty} empty, {notSent} not sent");

        // The run's own report.md is the comparison report over one run: counts in the overview, beside every score.
        var md = File.ReadAllText(Path.Combine(run, "report", "report.md"));
        Assert.Contains($"; 40 prompts (judged {safe}, errors 0, empty {empty}, not sent 20)", md);
        Assert.Matches(
            $@"\| \*\*Overall\*\* \| \*\*[0-9.]+%\*\* \([0-9.]+-[0-9.]+\), {empty} empty, 20 not sent \|", md);
        // The attack-type table too (issue 28): empty answers and prompts not sent beside the attack success rate.
        Assert.Matches($@"\| `none` \| [0-9.]+% \([0-9.]+-[0-9.]+\), {empty} empty, 20 not sent \|", md);

        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var comparison = File.ReadAllText(Path.Combine(dir.File("report"), "report.md"));
        // One run: no step to test, so no 'vs. run above' column; one judge: named above the table, not in a column.
        Assert.Contains("| Errors | Empty | Not sent |\n", comparison);
        Assert.DoesNotContain("vs. run above", comparison);
        Assert.Matches($@"\| 1 \| `openai:m` \| 40 \| .*\| 0 \| {empty} \| 20 \|\n", comparison);
        Assert.Matches($@"\| `none` \| [0-9.]+% \([0-9.]+-[0-9.]+\), {empty} empty, 20 not sent \|", comparison);

        var html = File.ReadAllText(Path.Combine(dir.File("report"), "report.html"));
        Assert.Contains("<th>Errors</th><th>Empty</th><th>Not sent</th>", html);
        Assert.Contains($"<td>0</td><td>{empty}</td><td>20</td>", html);
        Assert.Contains($"<span class=\"err\">{empty} empty</span>", html);
        Assert.Contains("<span class=\"err\">20 not sent</span>", html);
        var attackTypes = html[html.IndexOf("id=\"attack-types\"", StringComparison.Ordinal)..];
        Assert.Contains($"<span class=\"err\">{empty} empty</span><span class=\"err\">20 not sent</span>", attackTypes);

        var csv = File.ReadAllLines(Path.Combine(dir.File("report"), "scores.csv"));
        Assert.EndsWith(",excluded,empty,not_sent", csv[0]);
        Assert.Matches($@"^[^,]+,[^,]+,full,overall,all,{safe},0,0,40,.*,false,{empty},20$", csv[1]);
    }
}
