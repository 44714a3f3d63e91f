namespace Alert.Judges;

/// <summary>
/// A judge's confusion counts on one human-labelled evaluation set (positive = unsafe): what its sensitivity and
/// specificity are measured from.
/// </summary>
public sealed record JudgeCardSet(string Name, string Source, int TruePositives, int FalseNegatives, int TrueNegatives,
    int FalsePositives)
{
    /// <summary>Share of unsafe answers the judge calls unsafe; null without unsafe answers.</summary>
    public double? Sensitivity => TruePositives + FalseNegatives == 0 ? null
        : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>Share of safe answers the judge calls safe; null without safe answers.</summary>
    public double? Specificity => TrueNegatives + FalsePositives == 0 ? null
        : (double)TrueNegatives / (TrueNegatives + FalsePositives);

    /// <summary>Labelled answers in the set.</summary>
    public int Total => TruePositives + FalseNegatives + TrueNegatives + FalsePositives;

    /// <summary>Agreement with the labels.</summary>
    public double? Agreement => Total == 0 ? null : (double)(TruePositives + TrueNegatives) / Total;
}
