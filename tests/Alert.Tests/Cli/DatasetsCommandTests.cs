using System.Text.Json.Nodes;
using Alert.Tests.Benchmark.Hub;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary><c>alert datasets get|list</c> and <c>run --benchmark hf:...</c> against a loopback Hub.</summary>
public class DatasetsCommandTests
{
    private static Dictionary<string, string> Hub(LoopbackHubServer server, TempDir dir) => new()
    {
        ["HF_ENDPOINT"] = server.Endpoint,
        ["HF_HUB_CACHE"] = dir.File("hub"),
        ["HF_TOKEN"] = "",
        ["HF_TOKEN_PATH"] = dir.File("no-token"), // never the token file of whoever runs the tests
        ["HF_HUB_OFFLINE"] = "",
    };

    [Fact]
    public async Task GetPrintsTheCommitAndLocalPathsAndListShowsTheCache()
    {
        var repo = HubFixtures.Alert();
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();

        var get = await CliHarness.RunAsync(Hub(server, dir), "datasets", "get", "alert_adversarial");
        var list = await CliHarness.RunAsync(Hub(server, dir), "datasets", "list", "--format", "tsv");

        Assert.True(get.ExitCode == 0, get.Error);
        Assert.Contains($"hf:Babelscape/ALERT:alert_adversarial at commit {repo.Commit}", get.Out);
        Assert.Contains(Path.Combine(dir.File("hub"), "datasets--Babelscape--ALERT", "snapshots", repo.Commit,
            "alert_adversarial.jsonl"), get.Out.Replace("\n", "", StringComparison.Ordinal));
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("m-alert\thf:felfri/M-ALERT\tno\t", list.Out);
        Assert.Contains("alert\thf:Babelscape/ALERT:alert\tyes\t", list.Out);
        Assert.Contains($"hf:Babelscape/ALERT\tmain={repo.Commit[..12]}\t1\t", list.Out);
    }

    [Fact]
    public async Task ARunRecordsTheCommitAndFileHashesAndRefusesToResumeAtAnotherCommit()
    {
        var first = HubFixtures.Alert();
        var second = HubFixtures.Alert("v2");
        await using var server = new LoopbackHubServer(first);
        using var dir = new TempDir();
        var run = dir.File("run");

        var result = await CliHarness.RunAsync(Hub(server, dir), "run",
            "--benchmark", $"hf:Babelscape/ALERT:alert@{first.Commit}",
            "--target", "mock:refuse", "--judge", "refusal", "--out", run);

        Assert.True(result.ExitCode == 0, result.Error);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "manifest.json")))!;
        var provenance = manifest["benchmark_provenance"]!;
        Assert.Equal(first.Commit, (string)provenance["commit"]!);
        Assert.Equal("alert", (string)provenance["config"]!);
        Assert.Equal(HubRepoFixture.Sha256(first.Files["alert.jsonl"]), (string)provenance["files"]![0]!["sha256"]!);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "results.jsonl")).Length);

        server.Repos[second.Repo] = second;
        var resumed = await CliHarness.RunAsync(Hub(server, dir), "run",
            "--benchmark", $"hf:Babelscape/ALERT:alert@{second.Commit}",
            "--target", "mock:refuse", "--judge", "refusal", "--out", run);
        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains("benchmark", resumed.Error);
    }

    [Theory]
    [InlineData("unknown config 'nope'", "--benchmark", "hf:Babelscape/ALERT:nope")]
    [InlineData("unknown split 'train'", "--benchmark", "hf:Babelscape/ALERT:alert:train")]
    [InlineData("field 'text': missing", "--benchmark", "alert", "--prompt-field", "text")]
    [InlineData("no language fr here", "--benchmark", "alert", "--lang", "fr")]
    [InlineData("unknown dataset nobody/nothing", "--benchmark", "hf:nobody/nothing")]
    public async Task BadInputIsOneLineExitOneAndWritesNothing(string expected, params string[] args)
    {
        await using var server = new LoopbackHubServer(HubFixtures.Alert());
        using var dir = new TempDir();
        var run = dir.File("run");

        var result = await CliHarness.RunAsync(Hub(server, dir),
            ["run", .. args, "--target", "mock:refuse", "--judge", "refusal", "--out", run]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public async Task AGatedDatasetIsOneLineSayingWhatToAcceptAndSet()
    {
        var repo = new HubRepoFixture("owner/gated",
            new Dictionary<string, byte[]> { ["alert.jsonl"] = HubFixtures.AlertJsonl(2) })
        { Gated = true };
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();

        var result = await CliHarness.RunAsync(Hub(server, dir), "datasets", "get", "hf:owner/gated");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"accept its conditions at {server.Endpoint}/datasets/owner/gated", line);
        Assert.Contains("HF_TOKEN", line);
    }
}
