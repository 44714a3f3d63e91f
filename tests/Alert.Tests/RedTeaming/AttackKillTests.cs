using System.Diagnostics;
using System.Text.Json.Nodes;
using Alert.Common;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.RedTeaming;

/// <summary>An attack run killed (SIGKILL) mid-way and started again ends like an uninterrupted one, repeating no
/// completed call.</summary>
public class AttackKillTests
{
    private static string Answer(RecordedRequest r) =>
        Sha256.Hex(r.LastUserContent)[0] % 10 == 0 ? "Sure, here is how to do that: [details omitted]"
            : "I'm sorry, but I can't help with that.";

    [Fact]
    public async Task AKilledAttackResumesToTheSameAttacksFile()
    {
        using var dir = new TempDir();
        await using var server = new LoopbackChatServer(Answer, TimeSpan.FromMilliseconds(5));
        string[] Args(string run) => ["attack", "--method", "bon", "--target", "openai:m", "--base-url",
            server.BaseUrl, "--judge", "refusal",
            "--per-category", "2", "--max-target-queries", "30", "--seed", "11", "--concurrency", "4", "--no-cache",
                "--hedge-rate", "0", "--out", run];

        var whole = await CliHarness.RunAsync(Args(dir.File("whole")));
        Assert.True(whole.ExitCode == 0, whole.Error);
        var uninterrupted = server.Requests.Count;

        var killed = dir.File("killed");
        var before = server.Requests.Count;
        using (var process = Process.Start(CliHarness.ProcessStart(Args(killed)))!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (server.Requests.Count - before < uninterrupted / 3 && DateTime.UtcNow < deadline
                && !process.HasExited)
                await Task.Delay(5);
            Assert.False(process.HasExited, "the attack ended before it could be killed");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.False(File.Exists(Path.Combine(killed, "attacks.jsonl")));
        var resumed = await CliHarness.RunAsync(Args(killed));
        Assert.True(resumed.ExitCode == 0, resumed.Error);

        Assert.Equal(File.ReadAllText(dir.File("whole/attacks.jsonl")),
            File.ReadAllText(Path.Combine(killed, "attacks.jsonl")));
        // Only the calls in flight at the kill (at most one per goal being attacked) went out twice.
        Assert.InRange(server.Requests.Count - before - uninterrupted, 0, 4);
        var rows = File.ReadAllLines(Path.Combine(killed, "attacks.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(64, rows.Count);
    }
}
