namespace Alert.Reporting;

/// <summary>What the writers share about blocks.</summary>
internal static class ReportBlocks
{
    /// <summary>The blocks a writer shows: all but figures whose chart was not drawn.</summary>
    public static IReadOnlyList<ReportBlock> Shown(IReadOnlyList<ReportBlock> blocks, Func<string, bool> drawn) =>
        blocks.Where(b => b is not ReportFigure f || drawn(f.Chart)).ToList();
}
