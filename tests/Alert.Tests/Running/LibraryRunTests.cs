using System.Reflection;
using System.Text.Json.Nodes;
using Alert.Judges;
using Alert.Running;
using Alert.Targets;
using Alert.Tests.Docs;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Running;

/// <summary>The library owns the run: the README's snippet and <c>alert run</c> make the same run.</summary>
public class LibraryRunTests
{
    [Fact]
    public async Task TheReadmeSnippetAndTheCliWriteTheSameManifestFields()
    {
        using var dir = new TempDir();
        var libraryRun = dir.File("library");
        var code = DocSnippetTests.Snippet("README.md", 0);
        Assert.Contains("\"runs/lib\"", code, StringComparison.Ordinal);
        var (image, errors) = DocSnippetTests.Emit(
            "README.md", code.Replace("\"runs/lib\"", "@\"" + libraryRun + "\"", StringComparison.Ordinal));
        Assert.True(image is not null, string.Join("\n", errors));
        var entry = Assembly.Load(image!).EntryPoint!;
        await Task.Run(() => entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [Array.Empty<string>()]));

        var cliRun = dir.File("cli");
        var cli = await CliHarness.RunAsync("run", "--target", "mock:refuse", "--judge", "refusal", "--limit", "200",
            "--out", cliRun);
        Assert.Equal(0, cli.ExitCode);

        var library = Manifest(libraryRun);
        var fromCli = Manifest(cliRun);
        Assert.Equal(Keys(fromCli), Keys(library));
        foreach (var key in new[] { "tool_version", "target", "target_server", "target_options", "benchmark",
            "benchmark_sha256", "judge" })
            Assert.Equal(fromCli[key]!.ToJsonString(), library[key]!.ToJsonString());
        Assert.Equal(fromCli["usage"]!.ToJsonString(), library["usage"]!.ToJsonString());
        foreach (var file in new[] { "results.jsonl", "scores.json", "report/report.md" })
            Assert.True(File.Exists(Path.Combine(libraryRun, file)), file);
    }

    [Fact]
    public async Task AGuardedRunNamesItsGuardAndRecordsItsOwnTarget()
    {
        using var dir = new TempDir();
        await using var run = await AlertRun.OpenAsync(new RunDefinition
        {
            Directory = dir.File("guarded"),
            Target = "mock:comply",
            Judge = "refusal",
            GuardOutput = "refusal",
            GuardInput = "none",
            PromptLimit = 6,
        });
        Assert.StartsWith("mock:comply guarded by output refusal", run.TargetName, StringComparison.Ordinal);
        var result = await run.RunAsync();
        Assert.Equal(6, result.Summary.Requested);
        Assert.Equal(run.TargetName, Manifest(run.Directory)["target"]!.GetValue<string>());
    }

    [Fact]
    public void KeysAreLeftOutOfPrintedOptions()
    {
        const string key = "sk-test-9f8e7d6c5b4a";
        Assert.DoesNotContain(key, new JudgeOptions { ApiKey = key }.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, new TargetContext(TargetOptions.Default, key, null).ToString(),
            StringComparison.Ordinal);
    }

    private static JsonObject Manifest(string run) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(run, RunOutputs.ManifestFileName)))!.AsObject();

    private static List<string> Keys(JsonObject manifest) =>
        manifest.Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
}
