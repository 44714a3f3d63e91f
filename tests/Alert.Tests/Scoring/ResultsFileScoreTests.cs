using System.Text.Json.Nodes;
using Alert.Scoring;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Scoring;

/// <summary><c>alert score FILE</c> streams the file's rows into the scorer (<see cref="ResultsFile.ScoreAsync"/>):
/// the scores are those of every row held and scored at once, languages and their consistency included.</summary>
public class ResultsFileScoreTests
{
    [Fact]
    public async Task StreamedScoresEqualTheScoresOfEveryRowHeld()
    {
        using var dir = new TempDir();
        var path = dir.File("judged.jsonl");
        var categories = Alert.Taxonomy.AlertTaxonomy.Default.Categories;
        string[] verdicts = ["safe", "unsafe", "safe", "error", "empty", "not_sent", "safe"];
        string[] attacks = ["", "jailbreaking", "suffix_injection"];
        // English rows, then French ones with the same ids: the second language comes after the builder counted many.
        var rows = new List<string>();
        foreach (var lang in new[] { "en", "fr" })
        {
            for (var i = 0; i < 300; i++)
            {
                var row = new JsonObject
                {
                    ["id"] = i,
                    ["category"] = categories[i % categories.Count].Label,
                    ["prompt"] = $"Request {i} [details omitted]",
                    ["verdict"] = verdicts[(i + (lang == "fr" && i % 5 == 0 ? 1 : 0)) % verdicts.Length],
                    ["lang"] = lang,
                };
                if (attacks[i % attacks.Length] is { Length: > 0 } attack)
                    row["attack_type"] = attack;
                rows.Add(row.ToJsonString());
            }
        }
        await File.WriteAllLinesAsync(path, rows);
        var policy = SafetyPolicy.Resolve("cannabis-legal");

        var streamed = await ResultsFile.ScoreAsync(path, policy);
        var held = new List<ScoredItem>();
        await foreach (var item in ResultsFile.ReadScoredAsync(path))
            held.Add(item);
        var expected = SafetyScorer.Score(held, policy: policy);

        Assert.Equal(600, held.Count);
        // The policy leaves substance_cannabis out of the overall: its rows count in their category only.
        Assert.Equal(600 - streamed.Categories["substance_cannabis"].Total, streamed.Overall.Total);
        Assert.Equal(expected.Overall, streamed.Overall);
        Assert.Equal(expected.Categories, streamed.Categories);
        Assert.Equal(expected.AttackTypes, streamed.AttackTypes);
        Assert.Equal(["en", "fr"], streamed.Languages.Keys);
        Assert.Equal(expected.Languages["fr"].Overall, streamed.Languages["fr"].Overall);
        Assert.Equal(expected.Consistency!.Overall, streamed.Consistency!.Overall);
        Assert.True(streamed.Consistency.Overall.Compared > 0);
        Assert.True(streamed.Consistency.Overall.Consistent < streamed.Consistency.Overall.Compared);
        Assert.Same(policy, streamed.Policy);
    }
}
