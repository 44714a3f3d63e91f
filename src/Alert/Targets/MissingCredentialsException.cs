namespace Alert.Targets;

/// <summary>A hosted target was asked for with neither a server of its own nor a key for the provider's API.</summary>
public sealed class MissingCredentialsException(string spec)
    : AlertException($"{spec} has neither a base URL (a local server) nor an API key (the provider's hosted API)")
{
    /// <summary>The target spec that could not be reached.</summary>
    public string Spec { get; } = spec;

    /// <summary>What the model is to the run (a judge's key and server are set apart from the target's).</summary>
    public TargetRole Role { get; init; } = TargetRole.Target;
}
