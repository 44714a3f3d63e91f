using Alert.Benchmark.Hub;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Hub;

/// <summary>The token found where huggingface_hub finds it, sent to the Hub, and never shown.</summary>
public class HubTokenTests
{
    private static HubSettings FromEnvironment(Dictionary<string, string?> variables) =>
        HubSettings.FromEnvironment(name => variables.GetValueOrDefault(name));

    [Fact]
    public void HfTokenWinsThenTheFileHfTokenPathNamesThenTheOneInHfHome()
    {
        using var dir = new TempDir();
        var home = Directory.CreateDirectory(dir.File("home")).FullName;
        File.WriteAllText(Path.Combine(home, "token"), "hf_from_home\n");
        var named = dir.File("named-token");
        File.WriteAllText(named, "  hf_from_named_file \n");
        var variables = new Dictionary<string, string?>
        {
            ["HF_TOKEN"] = "hf_from_variable",
            ["HF_TOKEN_PATH"] = named,
            ["HF_HOME"] = home,
        };

        var fromVariable = FromEnvironment(variables);
        variables["HF_TOKEN"] = "";
        var fromNamedFile = FromEnvironment(variables);
        variables["HF_TOKEN_PATH"] = null;
        var fromHome = FromEnvironment(variables);
        variables["HF_TOKEN_PATH"] = dir.File("missing-token"); // as huggingface_hub: the named file, or none
        var none = FromEnvironment(variables);
        variables["HF_HOME"] = null;
        variables["HF_TOKEN_PATH"] = null;
        variables["XDG_CACHE_HOME"] = dir.Path;
        Directory.CreateDirectory(Path.Combine(dir.Path, "huggingface"));
        File.WriteAllText(Path.Combine(dir.Path, "huggingface", "token"), "hf_from_xdg");
        var fromXdg = FromEnvironment(variables);

        Assert.Equal(("hf_from_variable", "HF_TOKEN"), (fromVariable.Token, fromVariable.TokenSource));
        Assert.Equal(("hf_from_named_file", named), (fromNamedFile.Token, fromNamedFile.TokenSource));
        Assert.Equal(("hf_from_home", Path.Combine(home, "token")), (fromHome.Token, fromHome.TokenSource));
        Assert.Equal((null, null), (none.Token, none.TokenSource));
        Assert.Equal("hf_from_xdg", fromXdg.Token);
        Assert.DoesNotContain("hf_from_variable", fromVariable.ToString(), StringComparison.Ordinal);
        Assert.Contains("Token = (from HF_TOKEN)", fromVariable.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTokenFileIsSentWhenHfTokenIsUnset()
    {
        var files = new Dictionary<string, byte[]> { ["alert.jsonl"] = HubFixtures.AlertJsonl(2) };
        await using var server = new LoopbackHubServer(new HubRepoFixture("owner/gated", files) { Gated = true });
        using var dir = new TempDir();
        var tokenFile = dir.File("token");
        File.WriteAllText(tokenFile, LoopbackHubServer.Token + "\n");
        var settings = Settings(server, dir, tokenFile);

        var snapshot = await new HubDatasetFetcher(settings).FetchAsync(HubDatasetSpec.Parse("hf:owner/gated"));

        Assert.Equal(tokenFile, settings.TokenSource);
        Assert.Single(snapshot.Files);
        Assert.All(server.Requests, r => Assert.Equal("Bearer " + LoopbackHubServer.Token, r.Authorization));
    }

    [Theory]
    [InlineData("hf_invalid_token_value", "is not valid")]
    [InlineData(LoopbackHubServer.OtherAccountToken, "has no access")]
    public async Task A401Or403NamesTheTokenFileButNeverTheToken(string token, string expected)
    {
        var files = new Dictionary<string, byte[]> { ["alert.jsonl"] = HubFixtures.AlertJsonl(2) };
        await using var server = new LoopbackHubServer(new HubRepoFixture("owner/gated", files) { Gated = true });
        using var dir = new TempDir();
        var tokenFile = dir.File("token");
        File.WriteAllText(tokenFile, token);

        var error = await Assert.ThrowsAsync<AlertException>(() =>
            new HubDatasetFetcher(Settings(server, dir, tokenFile)).FetchAsync(HubDatasetSpec.Parse("hf:owner/gated")));

        Assert.Contains($"the token in the file {tokenFile}", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal("Bearer " + token, Assert.Single(server.Requests).Authorization);
    }

    private static HubSettings Settings(LoopbackHubServer server, TempDir dir, string tokenFile) =>
        FromEnvironment(new Dictionary<string, string?>
        {
            ["HF_TOKEN"] = null,
            ["HF_TOKEN_PATH"] = tokenFile,
            ["HF_ENDPOINT"] = server.Endpoint,
            ["HF_HUB_CACHE"] = dir.File("hub"),
        }) with
        {
            MaxAttempts = 1,
            RequestTimeout = TimeSpan.FromSeconds(20),
        };
}
