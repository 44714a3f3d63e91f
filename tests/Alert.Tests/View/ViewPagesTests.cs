using Alert.Tests.Infrastructure;
using Alert.View;

namespace Alert.Tests.View;

/// <summary>The pages of runs with several judges and of attack runs, in the browser.</summary>
public class ViewPagesTests
{
    [Fact]
    public async Task JudgeDisagreementsAndAttackTranscriptsAreShown()
    {
        using var dir = new TempDir();
        var bench = await BenchmarkFiles.WriteAsync(dir, 32);
        // The same answers judged twice: echoes hold no refusal phrase (refusal: unsafe) and add nothing to their
        // request (embedded: safe), so the two judges disagree on every one.
        foreach (var judge in new[] { "refusal", "embedded" })
        {
            var run = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "mock:echo", "--judge", judge,
                "--out", dir.File("echo"));
            Assert.True(run.ExitCode == 0, run.Error);
        }
        var attack = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "mock:comply", "--goals", bench,
            "--judge", "refusal", "--max-target-queries", "2", "--out", dir.File("bon"));
        Assert.True(attack.ExitCode == 0, attack.Error);

        await using var server = await ViewServer.StartAsync(ViewRuns.Options(dir, dir.File("echo"), dir.File("bon")));
        await using var browser = await ViewBrowser.LaunchAsync();
        var page = browser.Page;
        await page.GotoAsync(server.Url.AbsoluteUri);
        Assert.Contains("bon", await page.InnerTextAsync("main")); // the attack run's success rate on the overview

        // The run was last judged by the embedded judge, whose output carries p(harm): every echo is below 0.5.
        await page.GotoAsync(new Uri(server.Address, "/results?run=0&pmax=0.5").AbsoluteUri);
        Assert.Contains("page 1 of 1 (32 results)", await page.InnerTextAsync("main"));
        await page.GotoAsync(new Uri(server.Address, "/results?run=0&pmin=0.5").AbsoluteUri);
        Assert.Contains("page 1 of 1 (0 results)", await page.InnerTextAsync("main"));
        await page.ClickAsync("nav >> text=Judge disagreements");
        Assert.Contains("page 1 of 1 (32 results)", await page.InnerTextAsync("main"));
        var verdicts = await page.Locator("table.results tr:nth-child(2) ul.verdicts li").AllInnerTextsAsync();
        Assert.Equal(2, verdicts.Count);
        Assert.Contains(verdicts, v => v.StartsWith("safe embedded", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.StartsWith("unsafe refusal", StringComparison.Ordinal));
        await browser.ScreenshotAsync(dir, "view-disagreements.png");

        await page.ClickAsync("nav >> text=Attack transcripts");
        Assert.Equal(32, await page.Locator("table.results a", new() { HasText = "transcript" }).CountAsync());
        await browser.ScreenshotAsync(dir, "view-attacks.png");
        await page.Locator("table.results a", new() { HasText = "transcript" }).First.ClickAsync();
        Assert.Equal("Attack transcript", await page.InnerTextAsync("h1"));
        var answers = await page.Locator(".message.assistant pre").AllInnerTextsAsync();
        Assert.NotEmpty(answers);
        Assert.All(answers, a => Assert.Equal(Alert.Targets.MockChatClient.ComplianceText, a));
        await browser.ScreenshotAsync(dir, "view-transcript.png");

        // The report page renders the one report model: the same sections alert report writes.
        await page.ClickAsync("nav >> text=Report");
        var report = await page.InnerTextAsync("main");
        Assert.Contains("Safety scores by category (Table 1)", report);
        Assert.Contains("Adaptive attacks", report);
        var sections = await page.Locator("main section").CountAsync();
        Assert.True(sections >= 3, $"{sections} sections");
        Assert.Equal(sections, await page.Locator("main section h2").CountAsync());
        Assert.Empty(browser.Incidents);
    }
}
