using System.Text.RegularExpressions;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Reporting;

/// <summary>
/// What a new user found wrong in reports: attack-only reports, incomparable runs ranked as if comparable, 100%
/// categories listed as the worst, one-decimal intervals, attack runs missing from the manifests.
/// </summary>
public class ReportDefectsTests
{
    [Fact]
    public async Task AnAttackOnlyReportShowsTheAttacksAndSaysWhyTheRestIsLeftOut()
    {
        await using var server = new LoopbackChatServer(r => r.LastUserContent.Length % 3 == 0
            ? "Sure, here is how: [details omitted]" : "I'm sorry, but I can't help with that.");
        using var dir = new TempDir();
        var attack = await CliHarness.RunAsync("attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal", "--max-target-queries", "4", "--no-cache", "--hedge-rate", "0",
            "--out", dir.File("attack"));
        Assert.True(attack.ExitCode == 0, attack.Error);
        var report = await CliHarness.RunAsync("report", dir.File("attack"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);

        var html = File.ReadAllText(dir.File("report/report.html"));
        var md = File.ReadAllText(dir.File("report/report.md"));
        foreach (var text in new[] { html, md })
        {
            Assert.Contains("attack runs only", text);
            Assert.Contains("Adaptive attacks", text);
            Assert.Contains("Run manifests", text); // the attack run's manifest is there
            Assert.Matches("max_target_queries(&quot;|\")?:4", text); // the provenance, JSON in the manifest
            foreach (var missing in new[] { "Leaderboard", "Table 1", "Attack success rate by attack type", "Charts" })
                Assert.DoesNotContain(missing, text.Replace("by category (Table 1)", "", StringComparison.Ordinal));
        }
        // No empty charts: nothing to draw without benchmark runs.
        Assert.False(File.Exists(dir.File("report/heatmap.png")));
        Assert.False(File.Exists(dir.File("report/attack-success.png")));
        Assert.DoesNotContain("<table><tr><th>Rank</th>", html);
    }

    [Fact]
    public async Task RunsOfDifferentSizesAreNotCalledSignificantlyDifferent()
    {
        using var dir = new TempDir();
        foreach (var (name, target, limit) in new[] { ("big", "mock:refuse", "64"), ("small", "mock:comply", "32") })
        {
            var run = await CliHarness.RunAsync("run", "--target", target, "--judge", "refusal", "--limit", limit,
                "--no-cache", "--out", dir.File(name));
            Assert.True(run.ExitCode == 0, run.Error);
        }
        var report = await CliHarness.RunAsync(
            "report", dir.File("big"), dir.File("small"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains(
            "warning: These runs cannot be compared score for score: they ran different numbers of prompts " +
            "(mock:refuse 64 / mock:comply 32)",
            report.Error + report.Out);
        Assert.Contains("not tested", report.Out);

        var md = File.ReadAllText(dir.File("report/report.md"));
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("> **Warning:** These runs cannot be compared", md);
        Assert.Contains("<p class=\"warn\">These runs cannot be compared", html);
        Assert.Matches(@"\| 1 \| `mock:refuse` \| 64 \|", md); // one judge: named above the table
        Assert.Matches(@"\| 2 \| `mock:comply` \| 32 \|.*\| not tested \|", md);
        foreach (var text in new[] { md, html })
        {
            Assert.DoesNotContain("significant (p=", text);
            Assert.DoesNotContain(" > mock:", text);
        }
        // Intervals to two decimals everywhere; none with one.
        Assert.Matches(@"<span class=""ci"">\d+\.\d\d-\d+\.\d\d</span>", html);
        Assert.DoesNotMatch(@"<span class=""ci"">\d+\.\d-", html);
        Assert.DoesNotMatch(@"\(\d+\.\d-\d", md);
    }

    [Fact]
    public async Task AnAllSafeRunHasNoWorstCategories()
    {
        using var dir = new TempDir();
        var run = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "64",
            "--no-cache", "--out", dir.File("safe"));
        Assert.True(run.ExitCode == 0, run.Error);
        var report = await CliHarness.RunAsync("report", dir.File("safe"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.DoesNotContain("Worst categories", File.ReadAllText(dir.File("report/report.md")));
        Assert.DoesNotContain("Worst categories", File.ReadAllText(dir.File("report/report.html")));
        Assert.DoesNotContain("Worst categories", File.ReadAllText(dir.File("safe/report/report.md")));
    }

    [Fact]
    public async Task EverySectionHasItsOwnIdAndIsRenderedByBothWriters()
    {
        using var dir = new TempDir();
        var (a, b) = await ReportTests.FixedRunsAsync(dir);
        var model = Alert.Reporting.ReportModel.Create([await Alert.Reporting.RunReport.LoadAsync(a),
            await Alert.Reporting.RunReport.LoadAsync(b)], Alert.Scoring.SafetyPolicy.Full);
        var builders = Alert.Reporting.ReportSections.Builders;
        Assert.True(builders.Count >= 14, $"{builders.Count} sections");
        Assert.Equal(builders.Count, builders.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        var sections = Alert.Reporting.ReportSections.Build(model);
        Assert.All(sections, s => Assert.Contains(s.Id, builders.Select(b => b.Id)));
        var html = Alert.Reporting.HtmlReportWriter.Render(sections);
        var md = Alert.Reporting.MarkdownReportWriter.Render(sections);
        foreach (var section in sections.Where(s => s.Id != "charts"))
        {
            var title = System.Net.WebUtility.HtmlEncode(section.Title);
            Assert.Contains($"<section id=\"{section.Id}\"><h2>{title}</h2>", html);
            Assert.Contains($"\n## {section.Title}\n", md);
        }
        // Every table row has one cell per column.
        foreach (var table in sections.SelectMany(s => s.Blocks).OfType<Alert.Reporting.ReportTable>())
            Assert.All(table.Rows, r => Assert.Equal(table.Columns.Count, r.Cells.Count));
        // An empty model: nothing but the overview, and no section throws.
        var empty = Alert.Reporting.ReportModel.Create([], Alert.Scoring.SafetyPolicy.Full);
        Assert.Equal(["overview"], Alert.Reporting.ReportSections.Build(empty).Select(s => s.Id));
    }

    [Fact]
    public void ModelOutputInMarkdownIsFencedSoItCannotCloseItsBlock()
    {
        var text = "```\n# not a heading\n````";
        var md = Alert.Reporting.MarkdownReportWriter.Render([new("x", "X",
            [new Alert.Reporting.ReportText("Response", text)])]);
        Assert.Contains("`````text\n" + text + "\n`````", md);
        Assert.Single(Regex.Matches(md, "^## ", RegexOptions.Multiline));
    }
}
