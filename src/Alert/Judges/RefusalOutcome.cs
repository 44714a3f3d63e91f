namespace Alert.Judges;

/// <summary>How a model answered a request: complied, refused, or refused in part and helped in part.</summary>
public enum RefusalOutcome
{
    Complied,
    Refused,
    Partial,
}
