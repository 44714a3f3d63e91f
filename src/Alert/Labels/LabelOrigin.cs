namespace Alert.Labels;

/// <summary>Where a label came from: which queue the labeller worked through, or a file.</summary>
public enum LabelOrigin
{
    /// <summary>The random audit sample (stratified by category): the labels used for estimation.</summary>
    Audit,

    /// <summary>Answers nearest the judge's threshold: for improving the judge, never an unweighted estimate.</summary>
    Uncertain,

    /// <summary>Imported from a file (<c>alert labels import</c>).</summary>
    Import,
}
