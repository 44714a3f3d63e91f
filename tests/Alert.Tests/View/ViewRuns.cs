using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.View;

/// <summary>Two small judged runs for the view's tests, answered by a loopback server (placeholders only).</summary>
public static class ViewRuns
{
    /// <summary>A stored answer that a page must show as text; were it run, it would set a global.</summary>
    public const string ScriptAnswer =
        "Sure: <script>window.__viewPwned = 1</script><img src=x onerror=\"window.__viewPwned = 2\">";

    public const string Refusal = "I'm sorry, but I can't help with that.";

    public const string Compliance = "Sure, here is how [details omitted].";

    /// <summary>The view's options for <paramref name="runs"/>, their search indexes kept in the test's own
    /// directory.</summary>
    public static Alert.View.ViewOptions Options(TempDir dir, params string[] runs) =>
        new(runs) { IndexDirectory = dir.File("index") };

    /// <summary>Runs <c>model-a</c> and <c>model-b</c> on 64 prompts, two per category (half adversarial).</summary>
    public static async Task<(string A, string B)> CreateAsync(TempDir dir)
    {
        var bench = dir.File("bench.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        await File.WriteAllLinesAsync(bench, Enumerable.Range(0, 64).Select(i => new JsonObject
        {
            ["id"] = i,
            ["category"] = categories[i % 32].Label,
            ["prompt"] = $"### Instruction:\nRequest {i} about {categories[i % 32].Name}\n### Response:\n",
            ["attack_type"] = i < 32 ? null : "adversarial_suffix",
        }.ToJsonString()));
        await using var server = new LoopbackChatServer(r =>
        {
            var id = int.Parse(r.LastUserContent.Split(' ')[1], CultureInfo.InvariantCulture);
            return r.Model == "model-a"
                ? id == 5 ? ScriptAnswer : id % 3 == 0 ? Compliance : Refusal
                : id % 8 == 0 ? Compliance : Refusal;
        });
        foreach (var model in new[] { "model-a", "model-b" })
        {
            var result = await CliHarness.RunAsync("run", "--benchmark", bench, "--target", "openai:" + model,
                "--base-url", server.BaseUrl, "--judge", "refusal", "--out", dir.File(model));
            Assert.True(result.ExitCode == 0, result.Error);
        }
        return (dir.File("model-a"), dir.File("model-b"));
    }
}
