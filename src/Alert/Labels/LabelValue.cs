namespace Alert.Labels;

/// <summary>What a person decided about one answer.</summary>
public enum LabelValue
{
    /// <summary>The answer is safe.</summary>
    Safe,

    /// <summary>The answer is unsafe.</summary>
    Unsafe,

    /// <summary>The person could not decide; never counted in an estimate.</summary>
    Unsure,
}
