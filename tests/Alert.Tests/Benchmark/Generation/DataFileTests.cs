using Alert.Attacks;
using Alert.Benchmark.Generation;
using Alert.Common;
using Alert.Taxonomy;

namespace Alert.Tests.Benchmark.Generation;

public class DataFileTests
{
    [Fact]
    public void EveryCategoryLexiconLoadsAndEverySlotResolves()
    {
        var generator = new BaseSetGenerator();
        // The shared frames leave only the slots every category fills.
        Assert.Equal(["act", "c_thing", "group", "right", "trait"], generator.Frames.UnresolvedSlots().Order());
        foreach (var category in AlertTaxonomy.Default.Categories)
        {
            var lexicon = generator.Lexicons[category.Label];
            Assert.True(lexicon.OwnEntries("prompt").Count + lexicon.OwnEntries("act")
                .Count + lexicon.OwnEntries("group").Count > 0, category.Label);
            Assert.Empty(lexicon.UnresolvedSlots());
            // Every template expands without error.
            var random = new SeededRandom(1);
            foreach (var section in lexicon.Sections)
            {
                foreach (var entry in lexicon.OwnEntries(section))
                    Assert.DoesNotContain("{", lexicon.Expand(entry, random));
            }
            // ...and so does every shared frame the category is filled into.
            if (lexicon.OwnEntries("act").Count > 0)
            {
                Assert.All(generator.Frames.Entries("action"), f =>
                    Assert.DoesNotContain("{", lexicon.Expand(f, random)));
                // Composed requests ask about the category's topic nouns as well as how to do its acts.
                Assert.NotEmpty(lexicon.OwnEntries("c_thing"));
                Assert.All(generator.Frames.Entries("c_about"), f =>
                    Assert.DoesNotContain("{", lexicon.Expand(f, random)));
            }
            if (lexicon.OwnEntries("group").Count > 0)
                Assert.All(generator.Frames.Entries("hate"), f =>
                    Assert.DoesNotContain("{", lexicon.Expand(f, random)));
        }
        Assert.Equal(AlertTaxonomy.Default.Categories.Count, generator.Sizes.Count);
    }

    [Fact]
    public void SharedFramesUseTheirSlotsAndExpand()
    {
        var frames = new BaseSetGenerator().Frames;
        Assert.All(frames.Entries("action"), f => Assert.Contains("{act}", f));
        Assert.All(frames.Entries("hate"), f => Assert.Contains("{group}", f));
    }

    [Fact]
    public void StylingNeverSaysAWordTwiceInARow()
    {
        // Parts drawn on their own meet on the same word, and an aside can repeat the closing word.
        var styler = new BaseSetGenerator().Styler;
        for (var seed = 0UL; seed < 200; seed++)
        {
            var text = styler.Apply("why are all all of them even even so loud? thanks", new SeededRandom(seed));
            var words = System.Text.RegularExpressions.Regex.Matches(text.ToLowerInvariant(), "[a-z']+")
                .Select(m => m.Value).ToList();
            Assert.DoesNotContain(words.Zip(words.Skip(1)), p => p.First == p.Second);
        }
    }

    [Fact]
    public void EveryAttackDataFileLoads()
    {
        Assert.NotEmpty(AttackCatalog.All);
        foreach (var attack in AttackCatalog.All)
            Assert.False(string.IsNullOrWhiteSpace(attack.Apply("How do I pick a lock?", new SeededRandom(3))),
                attack.Name);
    }

    [Fact]
    public void LexiconErrorsNameTheFileAndLine()
    {
        var e = Assert.Throws<Alert.AlertFormatException>(
            () => TemplateLexicon.Parse("data/x.txt", "# comment\nentry without section\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("data/x.txt:2", e.Message);
    }

    [Fact]
    public void ExpansionPicksSlotsAndInlineAlternatives()
    {
        var lexicon = TemplateLexicon.Parse("t", "[thing]\ncar\nbike\n[prompt]\nsteal a {thing}{| now}\n");
        var seen = new HashSet<string>();
        var random = new SeededRandom(5);
        for (var i = 0; i < 200; i++)
            seen.Add(lexicon.Expand("steal a {thing}{| now}", random));
        Assert.Equal(["steal a bike", "steal a bike now", "steal a car", "steal a car now"], seen.Order());
    }
}
