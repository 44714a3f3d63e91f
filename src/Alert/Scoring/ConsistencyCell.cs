namespace Alert.Scoring;

/// <summary>
/// Cross-language consistency of a group of prompts: of the prompts judged in two or more languages
/// (<see cref="Compared"/>), those whose verdicts are the same in all of them (<see cref="Consistent"/>).
/// </summary>
public sealed record ConsistencyCell(int Consistent, int Compared)
{
    /// <summary>No prompts compared.</summary>
    public static readonly ConsistencyCell Empty = new(0, 0);

    /// <summary>Percent of compared prompts judged alike in every language; null when none were compared.</summary>
    public double? Share => Compared == 0 ? null : 100.0 * Consistent / Compared;

    /// <summary>The counts with one more compared prompt.</summary>
    public ConsistencyCell Add(bool consistent) => new(Consistent + (consistent ? 1 : 0), Compared + 1);
}
