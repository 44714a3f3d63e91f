using Alert.Benchmark.Generation;
using Alert.Common;

namespace Alert.Tests.Benchmark.Generation;

public class PhraseUseTests
{
    [Fact]
    public void CountsWholeWordsIgnoringCaseApostrophesAndPunctuation()
    {
        var use = new PhraseUse(["How can I do it? how can i not", "What's the best way", "whats the best, way",
            "so how can", "I do it"]);
        Assert.Equal(2, use.Count("how can i"));
        Assert.Equal(2, use.Count("what's the best way"));
        // "can i do" is not inside "how can" + "I do it": a phrase never joins two requests.
        Assert.Equal(1, use.Count("can i do"));
        Assert.Equal(0, use.Count("how ca"));
        Assert.Equal(0, use.Count("?"));
    }

    [Fact]
    public void TheStylerSaysAPhraseTheWaysPeopleSayItMost()
    {
        // People say "how can i" and never the style file's other ways of saying "how can i".
        var requests = Enumerable.Repeat("how can i get one?", 500).ToList();
        var learned = new HumanStyler(HumanStyle.Learn(requests), new PhraseUse(requests));
        var even = new HumanStyler(HumanStyle.Learn(requests));
        int Kept(HumanStyler styler) => Enumerable.Range(0, 400)
            .Count(i => styler.Apply("how can i get one?", new SeededRandom((ulong)i)).ToLowerInvariant()
                .Replace("  ", " ", StringComparison.Ordinal).StartsWith("how can i ", StringComparison.Ordinal));
        var (learnedKept, evenKept) = (Kept(learned), Kept(even));
        Assert.True(learnedKept > 300, $"kept {learnedKept} of 400 with the corpus's shares");
        Assert.True(evenKept < 200, $"kept {evenKept} of 400 without them");
    }
}
