using Alert.Tests.Infrastructure;

namespace Alert.Tests.Reporting;

/// <summary><c>report.html</c> in a real browser: a 1280 px window shows the whole leaderboard without scrolling the
/// page, and a narrow one scrolls the table inside its own box.</summary>
public class ReportLayoutTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task TheLeaderboardFitsA1280PxWindowAndScrollsInItsBoxInANarrowOne(int runCount)
    {
        using var dir = new TempDir();
        var runs = await ReportTests.FixedRunsAsync(dir, new[] { "model-a", "model-b" }[..runCount]);
        var report = await CliHarness.RunAsync(["report", .. runs, "--out", dir.File("report")]);
        Assert.True(report.ExitCode == 0, report.Error);
        var html = Path.Combine(dir.File("report"), "report.html");

        var wide = await PageLayout.MeasureAsync(html, 1280, dir.File("wide.png"));
        Console.WriteLine($"{runCount} run(s) at 1280 px: page {wide.PageScrollWidth} px wide; " +
            string.Join(", ", wide.Boxes.Select(b => $"{b.Section} {b.ScrollWidth}/{b.ClientWidth}")));
        Assert.True(wide.PageScrollWidth <= 1280, $"the page is {wide.PageScrollWidth} px wide");
        var leaderboard = wide.Boxes.First(b => b.Section == "leaderboard");
        Assert.True(leaderboard.ScrollWidth <= leaderboard.ClientWidth,
            $"the leaderboard needs {leaderboard.ScrollWidth} px of its {leaderboard.ClientWidth}");

        var narrow = await PageLayout.MeasureAsync(html, 640, dir.File("narrow.png"));
        Assert.True(narrow.PageScrollWidth <= 640, $"at 640 px the page is {narrow.PageScrollWidth} px wide");
        var box = narrow.Boxes.First(b => b.Section == "leaderboard");
        Assert.True(box.ScrollWidth > box.ClientWidth && box.OverflowX == "auto",
            $"at 640 px the leaderboard box is {box.ClientWidth} px holding {box.ScrollWidth} ({box.OverflowX})");
    }
}
