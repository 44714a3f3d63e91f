using Alert.Tests.Infrastructure;
using Alert.View;

namespace Alert.Tests.View;

/// <summary>The view's side index: filters, full-text search and counts agree with the run's own scores.</summary>
public class ViewIndexTests
{
    [Fact]
    public async Task FiltersAndSearchSelectWhatTheRunHolds()
    {
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        var report = await Alert.Reporting.RunReport.LoadAsync(a);
        var index = await ViewIndex.OpenAsync(a, report.Judge, dir.File("index"), default);
        // The view's own file, outside the run: viewing leaves the run directory as it was.
        Assert.Equal(dir.File("index"), Path.GetDirectoryName(index.Path));
        Assert.Equal(ViewIndex.PathFor(a + "/", dir.File("index")), index.Path);
        Assert.NotEqual(ViewIndex.PathFor(dir.File("model-b"), dir.File("index")), index.Path);

        var (_, all) = await index.QueryAsync(ResultFilter.None, 1, 10, default);
        Assert.Equal(64, all);
        var (unsafeRows, unsafeCount) =
            await index.QueryAsync(ResultFilter.None with { Verdict = "unsafe" }, 1, 100, default);
        Assert.Equal(report.Scores.Overall.Unsafe, unsafeCount);
        Assert.All(unsafeRows, r => Assert.Equal("unsafe", r.Verdict));
        var (_, adversarial) =
            await index.QueryAsync(ResultFilter.None with { AttackType = "adversarial_suffix" }, 1, 10, default);
        Assert.Equal(32, adversarial);

        // Every word must match; quotes and FTS5 operators typed in the box are text, never query syntax.
        var (found, count) = await index.QueryAsync(ResultFilter.None with { Search = "Request 37" }, 1, 10, default);
        Assert.Equal(1, count);
        Assert.Equal(37, found.Single().Ordinal); // ordinals count from 0, as ids do here
        var syntax = ResultFilter.None with { Search = "\"Request NEAR( * OR" };
        var (_, none) = await index.QueryAsync(syntax, 1, 10, default);
        Assert.Equal(0, none);

        var (page2, _) = await index.QueryAsync(ResultFilter.None, 2, 10, default);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i), page2.Select(r => r.Ordinal));
    }

    [Fact]
    public async Task TheIndexIsRebuiltWhenTheRunChangesAndKeptWhenItDoesNot()
    {
        using var dir = new TempDir();
        var (a, _) = await ViewRuns.CreateAsync(dir);
        var report = await Alert.Reporting.RunReport.LoadAsync(a);
        var index = await ViewIndex.OpenAsync(a, report.Judge, dir.File("index"), default);
        var built = File.GetLastWriteTimeUtc(index.Path);
        await Task.Delay(50);
        await ViewIndex.OpenAsync(a, report.Judge, dir.File("index"), default);
        Assert.Equal(built, File.GetLastWriteTimeUtc(index.Path));
        await ViewIndex.OpenAsync(a, "another judge", dir.File("index"), default);
        Assert.NotEqual(built, File.GetLastWriteTimeUtc(index.Path));
    }

    [Theory]
    [InlineData("unsafe p_unsafe=0.734", 0.734)]
    [InlineData("safe p_unsafe=0.012", 0.012)]
    [InlineData("harmful request p_harmful=1.000", 1.0)]
    [InlineData("safe", null)]
    public void TheJudgesProbabilityIsReadFromItsOutput(string output, double? probability) =>
        Assert.Equal(probability, IndexBuilder.Probability(output));
}
