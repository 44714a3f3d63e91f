namespace Alert.Scoring;

/// <summary>Calls a guard blocked, by where (input or output check) and by what was asked (a harmful prompt or a benign
/// look-alike).</summary>
public sealed record GuardBlocks(int Input, int Output, int Harmful, int Benign)
{
    /// <summary>No blocks.</summary>
    public static readonly GuardBlocks Empty = new(0, 0, 0, 0);
    /// <summary>Blocks at either stage.</summary>
    public int Total => Input + Output;

    /// <summary>The counts with one more block at <paramref name="stage"/> (input or output).</summary>
    public GuardBlocks Add(string stage, bool benign) => new(
        Input + (stage == "input" ? 1 : 0), Output + (stage == "input" ? 0 : 1), Harmful + (benign ? 0 : 1),
            Benign + (benign ? 1 : 0));
}
