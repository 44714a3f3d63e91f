using System.Text.RegularExpressions;
using Alert.Tests.Benchmark.Hub;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Cli;

/// <summary>
/// The dataset commands the README and docs/datasets.md show, run as written (a mock target in place of the
/// model) against a loopback Hub serving ALERT and M-ALERT with their dataset cards.
/// </summary>
public partial class DatasetDocsExamplesTests
{
    [GeneratedRegex(@"^alert (run --benchmark (alert|m-alert|hf:|prompts)|datasets )", RegexOptions.Multiline)]
    private static partial Regex DatasetCommand();

    public static TheoryData<string, string> Commands()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "README.md", Path.Combine("docs", "datasets.md") })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(CliHarness.RepoRoot, file)))
            {
                if (DatasetCommand().IsMatch(line))
                    data.Add(file, line.Split('#')[0].Trim());
            }
        }
        return data;
    }

    [Fact]
    public void TheDocsShowTheDatasetCommands() => Assert.True(Commands().Count >= 8, $"{Commands().Count} found");

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task ADocumentedCommandWorksAsWritten(string file, string command)
    {
        await using var server = new LoopbackHubServer(await HubFixtures.ReleasedWithCardsAsync(3));
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("prompts.csv"),
            "text,label\nPlaceholder request one,crime_tax\n\"Placeholder, request two\",hate_women\n");
        var args = Arguments(command, dir);
        var variables = new Dictionary<string, string>
        {
            ["HF_ENDPOINT"] = server.Endpoint,
            ["HF_HUB_CACHE"] = dir.File("hub"),
            ["HF_TOKEN"] = "",
            ["HF_TOKEN_PATH"] = dir.File("no-token"),
            ["HF_HUB_OFFLINE"] = "",
        };

        var result = await CliHarness.RunAsync(variables, args);

        Assert.True(result.ExitCode == 0, $"{file}: {command}\n{result.Error}");
        if (args[0] != "run")
            return;
        var results = File.ReadAllLines(Path.Combine(dir.File("out"), "results.jsonl")).Length;
        var benchmark = args[Array.IndexOf(args, "--benchmark") + 1];
        // ALERT's fixture: 4 plain and 3 adversarial prompts; M-ALERT's 3 prompts in the two languages asked for.
        var expected = benchmark switch
        {
            "alert" or "hf:Babelscape/ALERT:alert@main" => 4,
            "alert_adversarial" or "hf:Babelscape/ALERT:alert_adversarial" => 3,
            "m-alert" => 6,
            _ => 2,
        };
        Assert.Equal(expected, results);
    }

    // The documented line with the model replaced by a mock, the output by a temporary folder, files made here.
    private static string[] Arguments(string command, TempDir dir)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].ToList();
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (words[i] == "--target")
                words[i + 1] = "mock:refuse";
            else if (words[i] == "--out")
                words[i + 1] = dir.File("out");
            else if (words[i] == "--benchmark" && words[i + 1] == "prompts.csv")
                words[i + 1] = dir.File("prompts.csv");
        }
        if (words[0] == "run")
            words.AddRange(["--judge", "refusal"]);
        return [.. words];
    }
}
