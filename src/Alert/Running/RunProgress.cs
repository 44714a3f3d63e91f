namespace Alert.Running;

/// <summary>Counts reported while a run goes on.</summary>
public sealed record RunProgress(int Total, int Done, int Requested, int Judged, int Errors);
