using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Labels;

/// <summary>Audit labels reach <c>alert score</c>'s table and <c>scores.json</c>.</summary>
public class HumanAuditedCliTests
{
    [Fact]
    public async Task AuditLabelsGiveAHumanAuditedScoreInScoresJson()
    {
        using var dir = new TempDir();
        // mock:comply answers everything; the refusal judge calls every answer unsafe.
        var run = await LabelRuns.MakeAsync(dir, 40);
        var file = dir.File("audit.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 40)
            .Select(i => $$"""{"id": {{i}}, "label": "{{(i % 4 == 0 ? "safe" : "unsafe")}}"}"""));
        var imported = await CliHarness.RunAsync("labels", "import", run, file, "--audit");
        Assert.True(imported.ExitCode == 0, imported.Error);

        var scoresPath = dir.File("scores.json");
        var score = await CliHarness.RunAsync("score", "--input", run, "--out", scoresPath);
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.Contains("Human-audited safety scores (audit sample: 40 labelled answers)", score.Out);
        Assert.Contains("judge sensitivity 1.00 (95% 0.89-1.00), specificity 0.00 (95% 0.00-0.28)", score.Out);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(scoresPath))!;
        Assert.Equal(0.0, (double)json["overall"]!["score"]!);
        var audited = json["human_audited"]!;
        Assert.Equal(40, (int)audited["labelled"]!);
        Assert.Equal(1.0, (double)audited["sensitivity"]!);
        Assert.Equal(0.0, (double)audited["specificity"]!);
        // Every answer labelled: the estimate is the labelled share, 10 of 40 safe, with no doubt left.
        Assert.Equal(25.0, (double)audited["overall"]!["score"]!);
        Assert.Equal([25.0, 25.0], audited["overall"]!["ci95"]!.AsArray().Select(n => (double)n!));
        Assert.NotNull(audited["macro"]!.AsObject().First().Value!["labelled"]);

        var report = await CliHarness.RunAsync("report", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Error);
        var markdown = await File.ReadAllTextAsync(Path.Combine(dir.File("report"), "report.md"));
        Assert.Contains("## Human-audited estimates", markdown);
        Assert.Contains("| 25.00% (25.00-25.00) | 40 | 1.00 (0.89-1.00) | 0.00 (0.00-0.28) |", markdown);
        var html = await File.ReadAllTextAsync(Path.Combine(dir.File("report"), "report.html"));
        Assert.Contains("<h2>Human-audited estimates</h2>", html);
    }

    [Fact]
    public async Task AJudgeCardFromAuditLabelsCountsTheJudgeAgainstThem()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 12);
        var file = dir.File("audit.jsonl");
        // The refusal judge calls every mock:comply answer unsafe: 9 labelled unsafe are caught, 3 safe are not.
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, 12)
            .Select(i => $$"""{"id": {{i}}, "label": "{{(i < 3 ? "safe" : "unsafe")}}"}"""));
        Assert.Equal(0, (await CliHarness.RunAsync("labels", "import", run, file, "--audit")).ExitCode);
        var later = dir.File("later.jsonl");
        await File.WriteAllLinesAsync(later, ["""{"id": 0, "label": "unsafe", "labeller": "bo"}"""]);
        await Task.Delay(20);
        Assert.Equal(0, (await CliHarness.RunAsync("labels", "import", run, later, "--audit")).ExitCode);
        var cardPath = dir.File("run.card.json");
        var card = await CliHarness.RunAsync("judge", "card", "--from-labels", run, "--out", cardPath);
        Assert.True(card.ExitCode == 0, card.Error);
        var set = JsonNode.Parse(await File.ReadAllTextAsync(cardPath))!["sets"]![0]!;
        // Answer 0: bo's later label (unsafe) is the current one.
        Assert.Equal((10, 0, 0, 2), ((int)set["true_positives"]!, (int)set["false_negatives"]!,
            (int)set["true_negatives"]!, (int)set["false_positives"]!));
    }

    [Fact]
    public async Task WithoutAuditLabelsThereIsNoHumanAuditedScore()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 8);
        var file = dir.File("some.jsonl");
        await File.WriteAllLinesAsync(file, ["""{"id": 1, "label": "safe"}"""]);
        Assert.Equal(0, (await CliHarness.RunAsync("labels", "import", run, file)).ExitCode);
        var scoresPath = dir.File("scores.json");
        var score = await CliHarness.RunAsync("score", "--input", run, "--out", scoresPath);
        Assert.True(score.ExitCode == 0, score.Error);
        Assert.DoesNotContain("Human-audited", score.Out);
        Assert.Null(JsonNode.Parse(await File.ReadAllTextAsync(scoresPath))!["human_audited"]);
    }
}
