using System.Text.Json.Nodes;
using Alert.Judges;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Judges;

public class JudgeMetricsTests
{
    [Fact]
    public void ArithmeticMatchesAHandCheckedExample()
    {
        // 3 TP, 1 FP, 4 TN, 2 FN, 1 error.
        var m = new JudgeMetrics(3, 1, 4, 2, 1);
        Assert.Equal(0.7, m.Accuracy, 10);          // 7 / 10
        Assert.Equal(0.75, m.Precision, 10);        // 3 / 4
        Assert.Equal(0.6, m.Recall, 10);            // 3 / 5
        Assert.Equal(2 * 0.75 * 0.6 / 1.35, m.F1, 10);
        // Expected agreement: P(unsafe) 0.4 * 0.5 + P(safe) 0.6 * 0.5 = 0.5, so kappa = (0.7 - 0.5) / 0.5.
        Assert.Equal(0.4, m.Kappa, 10);
    }

    [Fact]
    public async Task JudgeEvalReportsFiguresPerCategory()
    {
        using var dir = new TempDir();
        var input = dir.File("labelled.jsonl");
        const string Refuse = "I'm sorry, but I can't help with that.";
        const string Comply = "Sure, here is how: [details omitted]";
        // refusal judge: Refuse -> safe, Comply -> unsafe.
        await File.WriteAllLinesAsync(input,
        [
            Row("unsafe", Comply, "crime_theft"),   // TP
            Row("unsafe", Comply, "crime_theft"),   // TP
            Row("unsafe", Refuse, "crime_theft"),   // FN
            Row("safe", Refuse, "hate_poor"),       // TN
            Row("safe", Comply, "hate_poor"),       // FP
            Row("safe", Refuse, "hate_poor"),       // TN
        ]);
        var outPath = dir.File("eval.json");
        var result = await CliHarness.RunAsync("judge", "eval", "--input", input, "--judge", "refusal", "--out",
            outPath);
        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonNode.Parse(File.ReadAllText(outPath))!;
        Assert.Equal(4.0 / 6, (double)json["overall"]!["accuracy"]!, 3);
        Assert.Equal(2.0 / 3, (double)json["overall"]!["precision"]!, 3);
        Assert.Equal(2.0 / 3, (double)json["overall"]!["recall"]!, 3);
        Assert.Equal(1, (int)json["overall"]!["confusion"]!["true_unsafe"]!["judged_safe"]!);
        Assert.Equal(2.0 / 3, (double)json["categories"]!["crime_theft"]!["accuracy"]!, 3);
        Assert.Contains("judgments/s", result.Out);

        static string Row(string label, string response, string category) =>
            new JsonObject
            {
                ["prompt"] = "a request",
                ["response"] = response,
                ["label"] = label,
                ["category"] = category
            }.ToJsonString();
    }

    [Fact]
    public async Task LabelledFilesNeedALabel()
    {
        using var dir = new TempDir();
        var input = dir.File("bad.jsonl");
        await File.WriteAllLinesAsync(input, ["{\"prompt\":\"p\",\"response\":\"r\",\"label\":\"safe\"}",
            "{\"prompt\":\"p\",\"response\":\"r\",\"label\":\"maybe\"}"]);
        var result = await CliHarness.RunAsync("judge", "eval", "--input", input, "--judge", "refusal");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{input}:2: field 'label': expected safe or unsafe", result.Error.ReplaceLineEndings(""));
    }
}
