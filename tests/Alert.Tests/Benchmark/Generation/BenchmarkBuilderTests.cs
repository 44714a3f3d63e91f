using Alert.Attacks;
using Alert.Benchmark;
using Alert.Benchmark.Generation;
using Alert.Taxonomy;
using Alert.Tests.Infrastructure;

namespace Alert.Tests.Benchmark.Generation;

/// <summary>One full build shared by the tests of this class (it takes about a second).</summary>
public sealed class DefaultBuildFixture
{
    public DefaultBuildFixture() => Built = new BenchmarkBuilder().Build(new BuildOptions());

    public BuiltBenchmark Built { get; }
}

public class BenchmarkBuilderTests(DefaultBuildFixture fixture) : IClassFixture<DefaultBuildFixture>
{
    private readonly BuiltBenchmark _built = fixture.Built;

    [Fact]
    public void BaseSetHasTheSizeAndShapeOfAlert()
    {
        Assert.True(_built.Base.Count >= 14_763, $"{_built.Base.Count} base prompts");
        var counts = _built.Base.GroupBy(p => p.Category).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(AlertTaxonomy.Default.Categories.Select(c => c.Label).Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.True(n >= 100));
        // The shape of spec §1: the largest categories stay largest.
        Assert.Equal("crime_injury", counts.MaxBy(kv => kv.Value).Key);
        Assert.True(counts["hate_ethnic"] > 5 * counts["substance_tobacco"]);
        Assert.Equal(Enumerable.Range(0, _built.Base.Count).Select(i => (long)i), _built.Base.Select(p => p.Id));
        Assert.All(_built.Base, p => Assert.Null(p.AttackType));
    }

    [Fact]
    public void BaseSetHasNoDuplicatesOrNearDuplicates()
    {
        var stats = BenchmarkStats.Compute(_built.Base);
        Assert.True(stats.NearDuplicateRate < 0.01, $"near-duplicate rate {stats.NearDuplicateRate}");
        Assert.Equal(_built.Base.Count, _built.Base.Select(p => p.Prompt).Distinct().Count());
        Assert.True(stats.DistinctTrigramRatio > 0.45, $"distinct-trigram ratio {stats.DistinctTrigramRatio}");
        Assert.True(stats.VocabularySize > 2000, $"vocabulary {stats.VocabularySize}");
    }

    [Fact]
    public void PromptsReadAsEnglishWithoutDoubledDeterminersOrAVowel()
    {
        // A slot filled with its own determiner ("get my {target}" with "my coworker") reads "my my coworker". ("her"
        // is left out of the first word: "giving her a raise".)
        var doubled = new System.Text.RegularExpressions.Regex(
            @"\b(my|your|his|their|our|a|an|the)\s+(my|your|his|her|their|our|a|an|the)\b",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        var article = new System.Text.RegularExpressions.Regex(
            @"\ba (?!one\b|once\b|one-|eu)[aeio]", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        // Generated rows only: the HH-RLHF rows are people's own words ("your mother is a alien").
        var generated = _built.Base.Where(p => (string?)p.Extra?["source"] != HhRlhfCorpus.Source);
        var bad = generated.Concat(_built.Benign).Select(p => p.Text)
            .Where(t => doubled.IsMatch(t) || article.IsMatch(t)).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} prompts, e.g.: " + string.Join(" | ", bad.Take(8)));
    }

    [Fact]
    public void AdversarialSetHasTheFourAlertAttacksInVolume()
    {
        Assert.True(_built.Adversarial.Count >= 30_000, $"{_built.Adversarial.Count} adversarial prompts");
        var byType = _built.Adversarial.GroupBy(p => p.AttackType!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(AttackCatalog.AlertAttackTypes.Order(), byType.Keys.Order());
        // Exactly the manifest's per_attack each: a prompt an attack cannot change is replaced, not lost.
        Assert.All(byType.Values, n => Assert.Equal(new BuildOptions().PerAttack, n));
    }

    [Fact]
    public void EverySourceIdResolvesToABaseRowOfTheSameCategory()
    {
        var baseById = _built.Base.ToDictionary(p => p.Id);
        Assert.All(_built.Adversarial, p =>
        {
            Assert.NotNull(p.SourceId);
            var source = baseById[p.SourceId!.Value];
            Assert.Equal(source.Category, p.Category);
            Assert.NotEqual(source.Text, p.Text);
        });
        Assert.Equal(_built.Adversarial.Count, _built.Adversarial.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task SameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot()
    {
        using var dir = new TempDir();
        var options = new BuildOptions
        {
            Seed = 7,
            PerAttack = 500,
            ExtraAttacks = ["base64", "refusal_suppression+rot13"]
        };
        var a = dir.File("a");
        var b = dir.File("b");
        var c = dir.File("c");
        await new BenchmarkBuilder().WriteAsync(new BenchmarkBuilder().Build(options), a);
        await new BenchmarkBuilder().WriteAsync(new BenchmarkBuilder().Build(options), b);
        await new BenchmarkBuilder().WriteAsync(new BenchmarkBuilder().Build(options with { Seed = 8 }), c);
        foreach (var file in new[] { BenchmarkBuilder.BaseFile, BenchmarkBuilder.AdversarialFile,
            BenchmarkBuilder.ManifestFile })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(a, file)),
                await File.ReadAllBytesAsync(Path.Combine(b, file)));
            Assert.NotEqual(await File.ReadAllBytesAsync(Path.Combine(a, file)),
                await File.ReadAllBytesAsync(Path.Combine(c, file)));
        }
    }

    [Fact]
    public async Task WrittenFilesAreValidOfficialFormatAndMatchTheManifest()
    {
        using var dir = new TempDir();
        var builder = new BenchmarkBuilder();
        var manifest = await builder.WriteAsync(_built, dir.Path);
        var set = await BenchmarkSet.LoadAsync([dir.File(BenchmarkBuilder.BaseFile),
            dir.File(BenchmarkBuilder.AdversarialFile)]);
        Assert.Equal(_built.Base.Count + _built.Adversarial.Count, set.Prompts.Count);
        Assert.All(set.Prompts, p => Assert.StartsWith(InstructionFrame.Prefix, p.Prompt.Prompt));
        Assert.Equal(_built.Base.Count, (int)manifest["files"]![BenchmarkBuilder.BaseFile]!["rows"]!);
        Assert.Equal(
            await Alert.Common.Sha256.FileHexAsync(dir.File(BenchmarkBuilder.AdversarialFile)),
            (string)manifest["files"]![BenchmarkBuilder.AdversarialFile]!["sha256"]!);
        Assert.Equal(BuildOptions.DefaultSeed, (long)manifest["seed"]!);
        Assert.Equal(32, manifest["base"]!["categories"]!.AsObject().Count);
        Assert.Contains("data/benchmark/frames.txt", manifest["data_files"]!.AsObject().Select(kv => kv.Key));
        var firstLine = File.ReadLines(dir.File(BenchmarkBuilder.AdversarialFile)).First();
        Assert.Matches(
            """^\{"id":0,"category":"[a-z_+]+","prompt":"### Instruction:\\n.*""" +
            """\\n### Response:\\n","attack_type":"[a-z_]+","source_id":\d+\}$""", firstLine);
    }

    [Fact]
    public void ExtraAttacksAreAddedUnderTheirNames()
    {
        var built = new BenchmarkBuilder().Build(
            new BuildOptions { PerAttack = 200, ExtraAttacks = ["leetspeak", "refusal_suppression+base64"] });
        var types = built.Adversarial.Select(p => p.AttackType).Distinct().ToList();
        Assert.Contains("leetspeak", types);
        Assert.Contains("refusal_suppression+base64", types);
        Assert.Equal(6, types.Count);
    }
}
