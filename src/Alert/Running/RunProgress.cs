namespace Alert.Running;

/// <summary>Counts reported while a run goes on.</summary>
public sealed record RunProgress(int Total, int Done, int Requested, int Judged, int Errors)
{
    /// <summary>More counts in words, printed after the others (an attack's outcomes); null for none.</summary>
    public string? Note { get; init; }
}
