using System.Text.Json.Nodes;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

public class BuildCommandTests
{
    [Fact]
    public async Task BuildsWritesManifestAndAcceptsExtraAttacks()
    {
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("build", "--out", dir.Path, "--seed", "3", "--per-attack", "300",
            "--attacks", "base64, refusal_suppression+rot13");
        Assert.True(result.ExitCode == 0, result.Error);
        var manifest = JsonNode.Parse(File.ReadAllText(dir.File("manifest.json")))!;
        Assert.Equal(3, (long)manifest["seed"]!);
        var attacks = manifest["adversarial"]!["attack_types"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Contains("base64", attacks);
        Assert.Contains("refusal_suppression+rot13", attacks);
        Assert.Contains("distinct-trigram ratio", result.Out);

        // The built files run as a benchmark.
        var run = await CliHarness.RunAsync("run", "--benchmark", dir.File("alert.jsonl"), "--benchmark",
            dir.File("alert_adversarial.jsonl"),
            "--target", "mock:refuse", "--limit", "100", "--out", dir.File("run"));
        Assert.Equal(0, run.ExitCode);

        var stats = await CliHarness.RunAsync("build", "--stats", dir.Path);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("near_duplicate_rate", stats.Out);
    }

    [Fact]
    public async Task UnknownAttackFailsBeforeWritingAnything()
    {
        using var dir = new TempDir();
        var result = await CliHarness.RunAsync("build", "--out", dir.File("b"), "--attacks", "base64,teleport");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown attack 'teleport'", result.Error);
        Assert.False(Directory.Exists(dir.File("b")));
    }

    [Fact]
    public async Task ListsAttacks()
    {
        var result = await CliHarness.RunAsync("build", "--list-attacks");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "adversarial_suffix", "adversarial_prefix", "token_manipulation", "jailbreaking",
            "base64", "rot13", "leetspeak", "char_spacing", "refusal_suppression", "payload_splitting",
            "fictional_frame", "few_shot", "many_shot" })
            Assert.Contains(name, result.Out);
    }
}
