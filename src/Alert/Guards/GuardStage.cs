namespace Alert.Guards;

/// <summary>Which side of a call a guard checked.</summary>
public enum GuardStage
{
    Input,
    Output,
}
