namespace Alert.Guards;

/// <summary>Which side of a call a guard checked.</summary>
public enum GuardStage
{
    /// <summary>The request, before it reaches the model.</summary>
    Input,
    /// <summary>The model's answer, before it reaches the caller.</summary>
    Output,
}
