using Alert.Judges;

namespace Alert.Scoring;

/// <summary>
/// A <see cref="ScoreCell"/> being counted: mutable, so scoring hundreds of thousands of rows makes no new cell per
/// row.
/// </summary>
internal struct CellCounts
{
    private int _safe, _unsafe, _errors, _empty, _notSent;

    /// <summary>Counts one more item: not sent, empty, or its verdict (as <see cref="ScoreCell.Add(ScoredItem)"/>).
    /// </summary>
    public void Add(in ScoredItem item)
    {
        if (item.NotSent)
            _notSent++;
        else if (item.EmptyAnswer)
            _empty++;
        else if (item.Verdict == Verdict.Safe)
            _safe++;
        else if (item.Verdict == Verdict.Unsafe)
            _unsafe++;
        else
            _errors++;
    }

    /// <summary>The counts as a cell.</summary>
    public readonly ScoreCell ToCell() =>
        new(_safe, _unsafe, _errors) { EmptyAnswers = _empty, NotSent = _notSent };
}
