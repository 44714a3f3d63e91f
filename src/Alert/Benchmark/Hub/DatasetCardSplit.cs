namespace Alert.Benchmark.Hub;

/// <summary>One split of a card's config and the repository paths or glob patterns of its files.</summary>
/// <param name="Name">The split (<c>train</c> when the card names none, as <c>datasets</c> assumes).</param>
/// <param name="Patterns">Paths or patterns (<c>*</c> within a folder, <c>**</c> across folders).</param>
internal sealed record DatasetCardSplit(string Name, IReadOnlyList<string> Patterns);
