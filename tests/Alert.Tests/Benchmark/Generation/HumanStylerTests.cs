using Alert.Benchmark.Generation;
using Alert.Common;

namespace Alert.Tests.Benchmark.Generation;

/// <summary>The styler's fillers read like a person's: one at a time.</summary>
public class HumanStylerTests
{
    [Fact]
    public void NeverPutsTwoFillersSideBySide()
    {
        var styler = new BaseSetGenerator().Styler;
        var fillers = new HashSet<string>(["really", "just", "actually", "like", "seriously", "kinda", "honestly"],
            StringComparer.OrdinalIgnoreCase);
        var stacked = new List<string>();
        var filled = 0;
        for (var seed = 0UL; seed < 400; seed++)
        {
            var text = styler.Apply("i want to know if i can do it and if you can help", new SeededRandom(seed));
            var words = text.Split(' ').Select(w => w.Trim(',', '?', '.', '!')).ToList();
            filled += words.Count(fillers.Contains) > 0 ? 1 : 0;
            if (words.Zip(words.Skip(1)).Any(p => fillers.Contains(p.First) && fillers.Contains(p.Second)))
                stacked.Add(text);
        }
        Assert.True(filled > 50, $"only {filled} of 400 got a filler");
        Assert.Empty(stacked);
    }
}
