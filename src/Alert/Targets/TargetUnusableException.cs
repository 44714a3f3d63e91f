namespace Alert.Targets;

/// <summary>
/// A model server failed the same way on every request, for a reason another attempt will not mend (see
/// <see cref="TargetFaultKind"/>): the run stops instead of storing an error for every prompt.
/// </summary>
public sealed class TargetUnusableException(TargetRole role, string spec, string? server, TargetFaultKind kind,
    string detail, int failures, Exception? inner = null)
    : AlertException(
        $"{Describe(role)} {spec}{(server is null ? "" : " at " + server)} {What(kind)}: {detail} (every one " +
        $"of {failures} attempts failed this way)", inner)
{
    /// <summary>What the server is to the run.</summary>
    public TargetRole Role { get; } = role;

    /// <summary>The spec of the model (<c>openai:MODEL</c>, ...).</summary>
    public string Spec { get; } = spec;

    /// <summary>The server, without user info or query (never a key); null for the provider's default.</summary>
    public string? Server { get; } = server;

    /// <summary>Why it cannot be used.</summary>
    public TargetFaultKind Kind { get; } = kind;

    /// <summary>The failure in the server's own words where it gave any.</summary>
    public string Detail { get; } = detail;

    private static string Describe(TargetRole role) => role.ToString().ToLowerInvariant();

    private static string What(TargetFaultKind kind) => kind switch
    {
        TargetFaultKind.Unreachable => "cannot be reached",
        TargetFaultKind.Unauthorized => "refused the credentials",
        TargetFaultKind.NotFound => "does not know the model or path",
        _ => "does not answer with the OpenAI chat API",
    };
}
