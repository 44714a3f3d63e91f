using Alert.Judges;
using Alert.Labels;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Labels;

/// <summary>The label store on a real run and a real SQLite file.</summary>
public class LabelStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static HumanLabel Label(RunAnswer answer, LabelValue value, string who, int minute = 0) =>
        new(answer.Key, answer.AnswerSha256!, value, who, LabelOrigin.Audit, true, Noon.AddMinutes(minute));

    [Fact]
    public async Task ALaterLabelReplacesAndUndoBringsTheEarlierBack()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 6);
        var answers = await LabelRuns.AnswersAsync(run);
        await using var store = await LabelStore.OpenAsync(LabelStore.DefaultPath(run));
        await store.AddAsync(Label(answers[0], LabelValue.Safe, "ana"));
        await store.AddAsync(Label(answers[1], LabelValue.Unsafe, "ana", 1));
        await store.AddAsync(Label(answers[0], LabelValue.Unsure, "bo", 2));
        await store.AddAsync(Label(answers[0], LabelValue.Unsafe, "ana", 3));

        var all = await store.ReadAllAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal(LabelValue.Unsafe, all.Single(l => l.ResultKey == answers[0].Key && l.Labeller == "ana").Label);
        Assert.Equal(Noon.AddMinutes(3), all[^1].LabelledAt);

        var undone = await store.UndoLastAsync("ana");
        Assert.Equal(LabelValue.Unsafe, undone!.Label);
        Assert.Equal(LabelValue.Safe, (await store.ReadAllAsync())
            .Single(l => l.ResultKey == answers[0].Key && l.Labeller == "ana").Label);
        Assert.NotNull(await store.UndoLastAsync("ana"));
        Assert.NotNull(await store.UndoLastAsync("ana"));
        Assert.Null(await store.UndoLastAsync("ana"));
        Assert.Equal("bo", Assert.Single(await store.ReadAllAsync()).Labeller);
    }

    [Fact]
    public async Task AChangedAnswerInvalidatesItsLabel()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 4);
        var answers = await LabelRuns.AnswersAsync(run);
        await using (var store = await LabelStore.OpenAsync(LabelStore.DefaultPath(run)))
        {
            await store.AddRangeAsync(
                [Label(answers[0], LabelValue.Safe, "ana"), Label(answers[1], LabelValue.Safe, "ana")]);
            Assert.Equal(2, (await store.ReadCurrentAsync(answers)).Valid.Count);
        }

        RunDatabase.Execute(run, $"UPDATE responses SET response = 'Sure, here is how [details omitted]' "
            + $"WHERE key = '{answers[1].Key}'");
        var changed = await LabelRuns.AnswersAsync(run);
        await using var reopened = await LabelStore.OpenAsync(LabelStore.DefaultPath(run));
        var reading = await reopened.ReadCurrentAsync(changed);
        Assert.Equal(answers[0].Key, Assert.Single(reading.Valid).ResultKey);
        Assert.Equal(answers[1].Key, Assert.Single(reading.Stale).ResultKey);
    }

    [Fact]
    public async Task TheAuditSampleIsStratifiedSeededAndStored()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 128);
        var answers = await LabelRuns.AnswersAsync(run);
        var categories = answers.Select(a => a.Category).Distinct().Count();
        Assert.Equal(32, categories);

        var sample = AuditSample.Draw(answers, 64, seed: 7);
        Assert.Equal(64, sample.Distinct().Count());
        Assert.Equal(sample, AuditSample.Draw(answers, 64, seed: 7));
        Assert.NotEqual(sample, AuditSample.Draw(answers, 64, seed: 8));
        var byKey = answers.ToDictionary(a => a.Key);
        // 4 answers per category, half sampled: exactly 2 from each.
        Assert.All(sample.GroupBy(k => byKey[k].Category), g => Assert.Equal(2, g.Count()));
        // The queue interleaves categories: its first half holds one answer of each.
        Assert.Equal(32, sample.Take(32).Select(k => byKey[k].Category).Distinct().Count());

        await using var store = await LabelStore.OpenAsync(LabelStore.DefaultPath(run));
        Assert.Empty(await store.ReadAuditSampleAsync());
        Assert.Equal(sample, await store.AuditQueueAsync(answers, 64, seed: 7));
        // Once drawn the queue stays, whatever a later call asks for.
        Assert.Equal(sample, await store.AuditQueueAsync(answers, 10, seed: 99));
        Assert.Equal(sample, await store.ReadAuditSampleAsync());
    }

    [Fact]
    public async Task LabelledAnswersBecomeTrainingPairsUnsureLeftOut()
    {
        using var dir = new TempDir();
        var run = await LabelRuns.MakeAsync(dir, 5);
        var answers = await LabelRuns.AnswersAsync(run);
        await using (var store = await LabelStore.OpenAsync(LabelStore.DefaultPath(run)))
        {
            await store.AddRangeAsync([Label(answers[1], LabelValue.Unsafe, "ana"),
                Label(answers[2], LabelValue.Unsure, "ana"), Label(answers[3], LabelValue.Safe, "ana") with
                {
                    Queue = LabelOrigin.Uncertain, InAuditSample = false,
                }]);
        }
        var pairs = await LabelPairs.ReadAsync(run);
        Assert.Equal([("Prompt 1", true), ("Prompt 3", false)], pairs.Select(p => (p.Prompt, p.Unsafe)));
        Assert.All(pairs, p => Assert.False(string.IsNullOrEmpty(p.Response)));
    }

    [Fact]
    public void TheUncertainQueuePutsAnswersNearestTheThresholdFirst()
    {
        static RunAnswer Answer(string key, double? p) =>
            new(key, "crime_theft", "hash" + key, p >= 0.62 ? Verdict.Unsafe : Verdict.Safe, p);
        var queue = UncertainFirst.Order(
            [Answer("a", 0.10), Answer("b", 0.60), Answer("c", 0.95), Answer("d", null), Answer("e", 0.70)], 0.62);
        Assert.Equal(["b", "e", "c", "a"], queue.Select(a => a.Key));
        Assert.Equal(0.62, RunAnswers.Threshold("embedded:minilm-head (threshold 0.62)"));
        Assert.Equal(0.5, RunAnswers.Threshold("refusal"));
        Assert.Equal(0.734, RunAnswers.Probability("unsafe p_unsafe=0.734"));
        Assert.Null(RunAnswers.Probability("unsafe\nS1"));
    }
}
