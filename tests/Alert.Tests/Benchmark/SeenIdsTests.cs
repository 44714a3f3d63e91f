using Alert.Benchmark;

namespace Alert.Tests.Benchmark;

/// <summary>Duplicate ids are found whatever order the ids come in, per language.</summary>
public class SeenIdsTests
{
    [Fact]
    public void FindsEveryDuplicateAgainstAHashSetOnIdsInAnyOrder()
    {
        var random = new Random(7);
        // Runs of consecutive ids, gaps, ids going back, repeats, two languages.
        var ids = Enumerable.Range(0, 3000).Select(i => i % 7 == 0 ? random.Next(4000) : i < 1500 ? i : i * 2)
            .Select(id => ((long)id, random.Next(5) == 0 ? "fr" : "en")).ToList();
        var expected = new HashSet<(long, string)>();
        var seen = new SeenIds();
        foreach (var (id, lang) in ids)
            Assert.Equal(expected.Add((id, lang)), seen.Add(id, lang));
        Assert.True(expected.Count < ids.Count, "the ids repeat");
    }

    [Fact]
    public void TheSameIdInAnotherLanguageIsNoDuplicate()
    {
        var seen = new SeenIds();
        Assert.True(seen.Add(5, "en"));
        Assert.True(seen.Add(5, "fr"));
        Assert.False(seen.Add(5, "fr"));
        Assert.True(seen.Add(4, "en"));
        Assert.True(seen.Add(6, "en"));
        Assert.False(seen.Add(4, "en"));
        Assert.False(seen.Add(6, "en"));
        Assert.True(seen.Add(-1, "en"));
        Assert.False(seen.Add(-1, "en"));
    }

    [Fact]
    public void AStringIdIsCheckedAsItIsWrittenBack()
    {
        var seen = new SeenIds();
        Assert.True(seen.Add("a-1", 1, "en"));
        Assert.False(seen.Add("a-1", 7, "en"));
        Assert.True(seen.Add("a-1", 8, "fr"));
        // "5" is written back as 5: the integer 5 is a duplicate of it; "05" is not.
        Assert.True(seen.Add("5", 2, "en"));
        Assert.False(seen.Add(5, "en"));
        Assert.True(seen.Add("05", 3, "en"));
    }
}
