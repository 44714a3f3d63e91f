using Alert.Benchmark.Hub;
using Alert.Benchmark.Sources;
using Alert.Benchmark.Tables;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>The Hub protocol and cache against a loopback server that speaks the Hub's API.</summary>
public class HubDatasetTests
{
    [Fact]
    public async Task ResolvesTheRevisionAndLaysOutTheCacheAsHuggingfaceHubDoes()
    {
        var repo = HubFixtures.Alert();
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();
        var fetcher = new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path));

        // No config: Babelscape/ALERT is known, and its default config is alert.
        var snapshot = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:Babelscape/ALERT"));

        Assert.Equal(repo.Commit, snapshot.Commit);
        Assert.Equal("alert", snapshot.Spec.Config);
        var file = Assert.Single(snapshot.Files);
        Assert.Equal("alert.jsonl", file.Path);
        Assert.Equal(HubRepoFixture.Sha256(repo.Files["alert.jsonl"]), file.Sha256);
        var folder = Path.Combine(dir.Path, "datasets--Babelscape--ALERT");
        Assert.Equal(repo.Commit, File.ReadAllText(Path.Combine(folder, "refs", "main")));
        var link = new FileInfo(Path.Combine(folder, "snapshots", repo.Commit, "alert.jsonl"));
        Assert.Equal(link.FullName, file.LocalPath);
        var blob = HubRepoFixture.GitEtag(repo.Files["alert.jsonl"]);
        Assert.Equal(Path.Combine("..", "..", "blobs", blob), link.LinkTarget);
        Assert.Equal(repo.Files["alert.jsonl"], File.ReadAllBytes(link.FullName));
        Assert.Contains(server.Requests, r => r.Path == "/api/datasets/Babelscape/ALERT/revision/main");
        Assert.DoesNotContain(server.Requests, r => r.Path.Contains("alert_adversarial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowsTheRedirectToAFileHostWithoutForwardingTheToken()
    {
        var content = await HubFixtures.MAlertParquetAsync(3);
        var repo = new HubRepoFixture("felfri/M-ALERT", new Dictionary<string, byte[]>
        {
            ["data/train-00000-of-00001.parquet"] = content,
        })
        { Large = ["data/train-00000-of-00001.parquet"] };
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();
        var fetcher = new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, LoopbackHubServer.Token));

        var snapshot = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:felfri/M-ALERT:default:train"));

        var file = Assert.Single(snapshot.Files);
        Assert.Equal(HubRepoFixture.Sha256(content), file.Sha256);
        // The blob is named by the SHA-256 the Hub announced for the large file, as huggingface_hub names it.
        Assert.True(File.Exists(Path.Combine(dir.Path, "datasets--felfri--M-ALERT", "blobs", file.Sha256)));
        var download = Assert.Single(server.Requests, r => r.Host == "files");
        Assert.Null(download.Authorization);
        Assert.NotEqual(new Uri(server.Endpoint).Port, new Uri(server.FileHost).Port);
        Assert.All(server.Requests.Where(r => r.Host == "hub"),
            r => Assert.Equal("Bearer " + LoopbackHubServer.Token, r.Authorization));
    }

    [Fact]
    public async Task AGatedDatasetSaysInOneLineWhatToAcceptAndToSetTheToken()
    {
        var files = new Dictionary<string, byte[]> { ["alert.jsonl"] = HubFixtures.AlertJsonl(2) };
        var repo = new HubRepoFixture("owner/gated", files)
        {
            Gated = true,
        };
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();

        var error = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path))
                .FetchAsync(HubDatasetSpec.Parse("hf:owner/gated")));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"accept its conditions at {server.Endpoint}/datasets/owner/gated", error.Message);
        Assert.Contains("set HF_TOKEN", error.Message);
        var wrong = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, LoopbackHubServer.OtherAccountToken))
                .FetchAsync(HubDatasetSpec.Parse("hf:owner/gated")));
        Assert.Contains("has no access", wrong.Message);
        Assert.DoesNotContain(LoopbackHubServer.OtherAccountToken, wrong.Message);
        var granted = await new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, LoopbackHubServer.Token))
            .FetchAsync(HubDatasetSpec.Parse("hf:owner/gated"));
        Assert.Single(granted.Files);
        Assert.DoesNotContain(Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains(LoopbackHubServer.Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hf:Babelscape/ALERT@v9", "unknown revision 'v9' of dataset Babelscape/ALERT")]
    [InlineData("hf:nobody/nothing", "unknown dataset nobody/nothing")]
    [InlineData("hf:Babelscape/ALERT:alert_typo",
        "unknown config 'alert_typo' of dataset Babelscape/ALERT (configs: alert, alert_adversarial)")]
    [InlineData("hf:Babelscape/ALERT:alert:train",
        "unknown split 'train' of dataset Babelscape/ALERT config 'alert' (splits: test)")]
    public async Task UnknownDatasetRevisionConfigOrSplitIsOneClearLine(string spec, string expected)
    {
        await using var server = new LoopbackHubServer(HubFixtures.Alert());
        using var dir = new TempDir();

        var error = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path)).FetchAsync(HubDatasetSpec.Parse(spec)));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "datasets--Babelscape--ALERT", "snapshots")));
    }

    [Fact]
    public async Task ADownloadCutHalfwayIsResumedFromWhereItStopped()
    {
        var content = await HubFixtures.MAlertParquetAsync(200);
        var files = new Dictionary<string, byte[]> { ["data/train.parquet"] = content };
        var repo = new HubRepoFixture("felfri/M-ALERT", files)
        {
            Large = ["data/train.parquet"],
        };
        await using var server = new LoopbackHubServer(repo) { CutNextDownloads = 1 };
        using var dir = new TempDir();

        var snapshot = await new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path))
            .FetchAsync(HubDatasetSpec.Parse("hf:felfri/M-ALERT"));

        Assert.Equal(HubRepoFixture.Sha256(content), Assert.Single(snapshot.Files).Sha256);
        var downloads = server.Requests.Where(r => r.Host == "files").ToList();
        Assert.Equal(2, downloads.Count);
        Assert.Null(downloads[0].Range);
        Assert.Equal($"bytes={content.Length / 2}-", downloads[1].Range);
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.incomplete", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ACacheHitMakesNoRequestAndOfflineModeNeedsNone()
    {
        await using var server = new LoopbackHubServer(HubFixtures.Alert());
        using var dir = new TempDir();
        var fetcher = new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path));
        var first = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:Babelscape/ALERT:alert_adversarial"));
        var requests = server.Requests.Count;

        var second = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:Babelscape/ALERT:alert_adversarial"));
        var offline = await new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, offline: true))
            .FetchAsync(HubDatasetSpec.Parse("hf:Babelscape/ALERT:alert_adversarial"));

        Assert.Equal(requests, server.Requests.Count);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.True(offline.FromCache);
        Assert.Equal(first.Files, second.Files);
        Assert.Equal(first.Commit, offline.Commit);
        // Offline, what is not cached is one clear line and still no request.
        var missing = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, offline: true))
                .FetchAsync(HubDatasetSpec.Parse("hf:felfri/M-ALERT")));
        Assert.Contains("is not in the Hugging Face cache", missing.Message);
        Assert.Contains("HF_HUB_OFFLINE=1", missing.Message);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public async Task ASnapshotLaidOutByHuggingfaceHubIsLoadedWithoutARequest()
    {
        // The layout huggingface_hub writes: blobs/<sha256>, snapshots/<commit>/<path> (a relative link to the
        // blob), refs/main holding the commit.
        var content = await HubFixtures.MAlertParquetAsync(3);
        var commit = new string('a', 40);
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "datasets--felfri--M-ALERT");
        var sha = HubRepoFixture.Sha256(content);
        Directory.CreateDirectory(Path.Combine(folder, "blobs"));
        File.WriteAllBytes(Path.Combine(folder, "blobs", sha), content);
        Directory.CreateDirectory(Path.Combine(folder, "snapshots", commit, "data"));
        File.CreateSymbolicLink(Path.Combine(folder, "snapshots", commit, "data", "train-00000-of-00001.parquet"),
            Path.Combine("..", "..", "..", "blobs", sha));
        Directory.CreateDirectory(Path.Combine(folder, "refs"));
        File.WriteAllText(Path.Combine(folder, "refs", "main"), commit);
        await using var server = new LoopbackHubServer();

        var set = await BenchmarkSources.LoadAsync(["m-alert"], new BenchmarkSourceContext
        {
            Hub = HubFixtures.Settings(server, dir.Path),
        });

        Assert.Empty(server.Requests);
        Assert.Equal(15, set.Prompts.Count);
        var second = set.Prompts.Where(p => p.Prompt.Id == 2).ToList();
        Assert.Equal(["de", "en", "es", "fr", "it"], second.Select(p => p.Prompt.Lang).Order());
        Assert.Equal(["2", "2@fr", "2@de", "2@es", "2@it"], second.Select(p => p.Key));
        Assert.Contains("\"commit\":\"" + commit + "\"", set.Provenance);
        Assert.Contains("\"sha256\":\"" + sha + "\"", set.Provenance);
        Assert.Equal("[fr] placeholder request 2", set.Prompts.Single(p => p.Key == "2@fr").Prompt.Prompt);

        var french = await BenchmarkSources.LoadAsync(["hf:felfri/M-ALERT"], new BenchmarkSourceContext
        {
            Hub = HubFixtures.Settings(server, dir.Path),
            Columns = new DatasetColumns { Langs = ["fr", "de"] },
        });
        Assert.Equal(6, french.Prompts.Count);
        Assert.NotEqual(set.Sha256, french.Sha256);
        var lacking = await Assert.ThrowsAsync<AlertFormatException>(() => BenchmarkSources.LoadAsync(["m-alert"],
            new BenchmarkSourceContext
            {
                Hub = HubFixtures.Settings(server, dir.Path),
                Columns = new DatasetColumns { Langs = ["pt"] },
            }));
        Assert.Contains("no column for language 'pt'", lacking.Message);
    }
}
