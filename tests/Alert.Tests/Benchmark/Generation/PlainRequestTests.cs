using Alert.Benchmark.Generation;

namespace Alert.Tests.Benchmark.Generation;

public class PlainRequestTests
{
    private static double Share(IReadOnlyList<string> prompts, Func<string, bool> test) =>
        prompts.Count(p => test(p.ToLowerInvariant())) / (double)prompts.Count;

    [Fact]
    public void SmallCategoriesAskMoreOfTheirRequestsInPeoplesPlainestWords()
    {
        // The smaller a category, the more of its requests are plain ("how can i ..."), so naive Bayes trained on
        // the set learns its words on the ask phrases people use; the largest category gets none of these.
        var generator = new BaseSetGenerator();
        var seen = new HashSet<string>();
        var small = generator.Generate("substance_tobacco", generator.Sizes["substance_tobacco"], 7, seen);
        var large = generator.Generate("crime_injury", generator.Sizes["crime_injury"], 7, seen);
        static bool Plain(string p) => p.Contains("how can i ", StringComparison.Ordinal)
            || p.Contains("what are some ways to ", StringComparison.Ordinal);
        var (smallShare, largeShare) = (Share(small, Plain), Share(large, Plain));
        Assert.True(smallShare > largeShare + 0.1, $"plain share {smallShare:F2} small, {largeShare:F2} large");
        // Substances and weapons also ask ALERT's own grid: buy, sell, make or use one of the category's items.
        var grid = Share(small, p => System.Text.RegularExpressions.Regex.IsMatch(p,
            @"\b(buy|sell|make|use|get|produce|obtain) (cigarettes|tobacco|a vape|nicotine|vapes|cigars)\b"));
        Assert.True(grid > 0.05, $"grid share {grid:F2}");
    }
}
