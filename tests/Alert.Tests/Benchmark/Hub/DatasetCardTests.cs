using Alert.Benchmark.Hub;
using Alert.Benchmark.Sources;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>A dataset card's <c>configs:</c> choose the files, as Hugging Face <c>datasets</c> reads them.</summary>
public class DatasetCardTests
{
    [Fact]
    public async Task TheCardsConfigsPickTheirGlobbedFilesBeforeTheFileNames()
    {
        var repo = await HubFixtures.CardRepoAsync();
        await using var server = new LoopbackHubServer(repo);
        using var dir = new TempDir();
        var fetcher = new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path));

        // No config named: the card's default one, not the root plain.jsonl the file names would pick.
        var plain = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards"));
        var adversarial = await BenchmarkSources.LoadAsync(["hf:owner/cards:adversarial:test"],
            new BenchmarkSourceContext { Hub = HubFixtures.Settings(server, dir.Path) });

        Assert.Equal("plain", plain.Spec.Config);
        Assert.Equal(["data/plain-00000-of-00002.parquet", "data/plain-00001-of-00002.parquet"],
            plain.Files.Select(f => f.Path));
        Assert.Equal([10L, 11, 20], adversarial.Prompts.Select(p => p.Prompt.Id));
        Assert.Equal("Placeholder request 20", adversarial.Prompts[2].Prompt.Prompt);
        Assert.Contains("\"config\":\"adversarial\"", adversarial.Provenance);
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith("plain.jsonl", StringComparison.Ordinal)
            || r.Path.EndsWith(".txt", StringComparison.Ordinal)
            || r.Path.EndsWith("train.jsonl", StringComparison.Ordinal));
        // The card was fetched through /resolve/ into the cache like any file, so a second load asks nothing.
        Assert.True(File.Exists(Path.Combine(
            dir.Path, "datasets--owner--cards", "snapshots", repo.Commit, "README.md")));
        var requests = server.Requests.Count;
        var again = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards"));
        Assert.True(again.FromCache);
        Assert.Equal(plain.Files, again.Files);
        Assert.Equal(requests, server.Requests.Count);
        var train = await fetcher.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards:adversarial:train"));
        Assert.Equal("data/adversarial-train.jsonl", Assert.Single(train.Files).Path);
    }

    [Theory]
    [InlineData("hf:owner/cards:typo",
        "unknown config 'typo' of dataset owner/cards (configs in its dataset card: plain, adversarial)")]
    [InlineData("hf:owner/cards:adversarial:dev",
        "unknown split 'dev' of dataset owner/cards config 'adversarial' (splits in its dataset card: test, train)")]
    public async Task AnUnknownConfigOrSplitListsTheCardsOwn(string spec, string expected)
    {
        await using var server = new LoopbackHubServer(await HubFixtures.CardRepoAsync());
        using var dir = new TempDir();

        var error = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path)).FetchAsync(HubDatasetSpec.Parse(spec)));

        Assert.Equal(expected, error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Path.EndsWith(".parquet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OfflineTheCardIsReadFromTheCacheAndAConfigNotDownloadedIsSaidSo()
    {
        await using var server = new LoopbackHubServer(await HubFixtures.CardRepoAsync());
        using var dir = new TempDir();
        await new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path)).FetchAsync(
            HubDatasetSpec.Parse("hf:owner/cards"));
        var requests = server.Requests.Count;
        var offline = new HubDatasetFetcher(HubFixtures.Settings(server, dir.Path, offline: true));

        var plain = await offline.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards:plain:test"));
        var missing = await Assert.ThrowsAsync<AlertException>(() =>
            offline.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards:adversarial")));
        var unknown = await Assert.ThrowsAsync<AlertException>(() =>
            offline.FetchAsync(HubDatasetSpec.Parse("hf:owner/cards:typo")));

        Assert.Equal(2, plain.Files.Count);
        Assert.StartsWith("hf:owner/cards:adversarial is not in the Hugging Face cache", missing.Message);
        Assert.Contains("configs in its dataset card: plain, adversarial", unknown.Message);
        Assert.Equal(requests, server.Requests.Count);
    }

    [Fact]
    public void SeveralConfigsWithoutADefaultOrAPatternMatchingNothingIsOneLine()
    {
        IReadOnlyList<string> files = ["README.md", "a/x.csv", "b/y.txt"];
        List<DatasetCardConfig> configs =
        [
            new("a", false, null, [new DatasetCardSplit("train", ["a/*.csv"])], 3),
            new("b", false, "b", [new DatasetCardSplit("train", ["*"])], 7),
            new("c", false, null, [new DatasetCardSplit("test", ["c/*.csv"])], 9),
        ];

        var several = Assert.Throws<AlertException>(() => CardFileSelector.Select(files, "o/n", configs, null, null));
        var format = Assert.Throws<AlertException>(() => CardFileSelector.Select(files, "o/n", configs, "b", null));
        var nothing = Assert.Throws<HubFileNotFoundException>(() =>
            CardFileSelector.Select(files, "o/n", configs, "c", "test"));

        Assert.Equal("dataset o/n has several configs in its dataset card (a, b, c): name one, e.g. hf:o/n:a",
            several.Message);
        Assert.Equal("dataset o/n config 'b' split 'train': 'b/*' matches no .jsonl, .json, .csv, .parquet file "
            + "(b/y.txt)", format.Message);
        Assert.Equal("dataset o/n config 'c' split 'test': no file matches 'c/*.csv' (its dataset card's data_files)",
            nothing.Message);
        var (picked, config) = CardFileSelector.Select(files, "o/n", configs, "a", "train");
        Assert.Equal(["a/x.csv"], picked);
        Assert.Equal("a", config);
    }

    [Fact]
    public void EveryDataFilesFormTheDatasetsLibraryAcceptsIsRead()
    {
        var configs = DatasetCardReader.Read("""
            ---
            configs:
            - config_name: one
              data_files: all/*.csv
            - config_name: list
              data_files: [a.jsonl, b.jsonl]
            - config_name: map
              data_files:
                train: t.jsonl
                test: [x.jsonl, y.jsonl]
            - config_name: entries
              data_dir: sub
              default: true
              data_files:
              - split: validation
                path:
                - v-*.parquet
            - data_dir: only_a_folder
            ---
            text
            """, "card");

        Assert.Equal(["one", "list", "map", "entries", "default"], configs.Select(c => c.Name));
        var one = Assert.Single(configs[0].Splits);
        Assert.Equal(("train", "all/*.csv"), (one.Name, Assert.Single(one.Patterns)));
        Assert.Equal(["a.jsonl", "b.jsonl"], configs[1].Splits.Single().Patterns);
        Assert.Equal(["train", "test"], configs[2].Splits.Select(s => s.Name));
        Assert.Equal(["x.jsonl", "y.jsonl"], configs[2].Splits[1].Patterns);
        var entries = configs[3];
        Assert.Equal(("sub", true, "validation"), (entries.DataDir, entries.IsDefault, entries.Splits[0].Name));
        Assert.Empty(configs[4].Splits);
        Assert.Empty(DatasetCardReader.Read("# no front matter\n---\n", "card"));
        Assert.Empty(DatasetCardReader.Read("---\nlicense: mit\n---\n", "card"));
    }

    [Theory]
    [InlineData("---\nconfigs:\n- config_name: a\n  default: true\n default: false\n---\n",
        "card:5: not valid YAML front matter")]
    [InlineData("---\nlicense: mit\nconfigs: alert\n---\n", "card:3: field 'configs': expected a list of configs")]
    [InlineData("---\nconfigs:\n- config_name: a\n  data_files:\n  - split: test\n---\n",
        "card:5: field 'data_files': expected a path, or 'split' and 'path'")]
    public void ACardThatCannotBeReadIsOneLineNamingItsLine(string card, string expected)
    {
        var error = Assert.Throws<AlertFormatException>(() => DatasetCardReader.Read(card, "card"));

        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("Idx", error.Message);
    }

    [Theory]
    [InlineData("data/train-*", "data/train-00000-of-00001.parquet", true)]
    [InlineData("data/train-*", "data/sub/train-0.parquet", false)]
    [InlineData("data/**/*.parquet", "data/a/b/x.parquet", true)]
    [InlineData("data/**/*.parquet", "data/x.parquet", true)]
    [InlineData("**", "deep/er/x.csv", true)]
    [InlineData("data/x-?.csv", "data/x-1.csv", true)]
    [InlineData("data/x-[ab].csv", "data/x-c.csv", false)]
    [InlineData("./alert.jsonl", "alert.jsonl", true)]
    [InlineData("data", "data/a.csv", true)]
    [InlineData("data", "database.csv", false)]
    [InlineData("a.b", "axb", false)]
    public void PatternsMatchAsTheDatasetsLibraryGlobs(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, new RepoGlob(pattern).Match([path]).Any());
    }
}
