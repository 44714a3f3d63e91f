using Alert.Benchmark.Hub;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>The environment read as huggingface_hub reads it, and specs parsed as written.</summary>
public class HubSettingsTests
{
    [Theory]
    [InlineData("/c/hub", "/h", "/x", "/c/hub")]
    [InlineData(null, "/h", "/x", "/h/hub")]
    [InlineData(null, null, "/x", "/x/huggingface/hub")]
    public void TheCacheRootIsHfHubCacheElseHfHomeElseTheUserCache(
        string? hubCache, string? home, string? xdg, string expected)
    {
        var variables = new Dictionary<string, string?>
        {
            ["HF_HUB_CACHE"] = hubCache,
            ["HF_HOME"] = home,
            ["XDG_CACHE_HOME"] = xdg,
            ["HF_HUB_OFFLINE"] = "1",
            ["HF_ENDPOINT"] = "http://mirror.example/",
            ["HF_TOKEN"] = "hf_x",
        };
        var settings = HubSettings.FromEnvironment(name => variables.GetValueOrDefault(name));

        Assert.Equal(expected, settings.CacheRoot);
        Assert.True(settings.Offline);
        Assert.Equal("http://mirror.example", settings.Endpoint);
        Assert.Equal("hf_x", settings.Token);
    }

    [Theory]
    [InlineData("hf:Babelscape/ALERT", "Babelscape/ALERT", null, null, "main")]
    [InlineData("hf:Babelscape/ALERT:alert_adversarial@v1.0", "Babelscape/ALERT", "alert_adversarial", null, "v1.0")]
    [InlineData("hf:felfri/M-ALERT:default:train@refs/convert/parquet", "felfri/M-ALERT", "default", "train",
        "refs/convert/parquet")]
    public void SpecsParseAndPrintAsWritten(string text, string repo, string? config, string? split, string revision)
    {
        var spec = HubDatasetSpec.Parse(text);

        Assert.Equal(new HubDatasetSpec(repo, config, split, revision), spec);
        Assert.Equal(text, spec.ToString());
    }

    [Theory]
    [InlineData("hf:nodash")]
    [InlineData("hf:a/b@../../etc")]
    [InlineData("hf:a/b:c:d:e")]
    [InlineData("hf:a/b:../x")]
    public void AMalformedSpecIsAnErrorNamingTheForm(string text)
    {
        var error = Assert.Throws<AlertException>(() => HubDatasetSpec.Parse(text));
        Assert.Contains("expected hf:OWNER/NAME[:CONFIG[:SPLIT]][@REVISION]", error.Message);
    }

    [Fact]
    public void PathsThatLeaveTheSnapshotAreNeverDataFiles()
    {
        Assert.False(DatasetFileSelector.IsData("../escape.jsonl"));
        Assert.False(DatasetFileSelector.IsData("data/../../escape.jsonl"));
        Assert.False(DatasetFileSelector.IsData(".hidden/x.jsonl"));
        Assert.True(DatasetFileSelector.IsData("data/train-00000-of-00001.parquet"));
    }
}
