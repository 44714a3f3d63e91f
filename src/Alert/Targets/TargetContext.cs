namespace Alert.Targets;

/// <summary>What a target's transport is made with.</summary>
/// <param name="ApiKey">The key for hosted servers (from the caller; never stored).</param>
public sealed record TargetContext(TargetOptions Options, string? ApiKey, TimeProvider? Time)
{
    // A record prints every property: the key stays out of logs and exception messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"Options = {Options}, ApiKey = {(ApiKey is null ? "none" : "[redacted]")}");
        return true;
    }
}
