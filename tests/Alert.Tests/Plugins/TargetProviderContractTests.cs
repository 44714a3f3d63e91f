using Alert.Targets;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Plugins;

/// <summary>What every registered target provider promises: it resolves from its spec, is described, and a bad model is
/// a clean error.</summary>
public class TargetProviderContractTests
{
    public static TheoryData<string> Providers => new(TargetFactory.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResolvesIsDescribedAndFailsCleanly(string name)
    {
        var (provider, model) = TargetFactory.Resolve(name + ":no-such-model");
        Assert.Equal(name, provider.Name);
        Assert.Equal("no-such-model", model);
        Assert.StartsWith(name + ":", provider.Usage, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(provider.Description));
        await using var server = new LoopbackChatServer(_ => "ok");
        var options = new TargetOptions { BaseUrl = server.BaseUrl, MaxAttempts = 1 };
        // A model the provider cannot have is an AlertException at creation or an error answer, never a crash.
        try
        {
            using var client = TargetFactory.Create(name + ":no-such-model", options, apiKey: "secret-key-123");
            Assert.DoesNotContain("secret-key-123", TargetFactory.Describe(name + ":no-such-model", options));
        }
        catch (AlertException e)
        {
            Assert.Contains("no-such-model", e.Message);
        }
    }
}
