namespace Alert.Judges;

/// <summary>
/// One kind of judge, declared in the judge's own file with <see cref="Plugins.AlertPluginAttribute"/>: its spec
/// prefix, usage and help for <c>--help</c> and error messages, what it costs per response and how it is made.
/// </summary>
/// <param name="Name">The spec's first part: <c>NAME</c> or <c>NAME:ARGUMENT</c>.</param>
/// <param name="Usage">The spec forms, e.g. <c>llm:MODEL</c>.</param>
/// <param name="Description">One sentence for help.</param>
/// <param name="Create">Makes the judge; throws <see cref="AlertException"/> for a bad argument.</param>
public sealed record JudgeKind(string Name, string Usage, string Description, JudgeCreator Create)
    : Plugins.IPluginDescriptor
{
    /// <summary>Whether the spec must (true), may (null) or must not (false) carry an argument after a colon.</summary>
    public bool? TakesArgument { get; init; }

    /// <summary>Model requests per judged response (0 for an in-process judge).</summary>
    public int ModelCalls { get; init; }

    /// <summary>A judge of judges: its argument is a comma-separated list of specs, whose model calls add up.</summary>
    public bool Combines { get; init; }

    /// <summary>A spec of this kind that works with a judge server at <see cref="JudgeOptions.BaseUrl"/> (contract
    /// tests, help).</summary>
    public string? Example { get; init; }

    /// <summary>The <see cref="JudgeOptions"/> it reads (for help).</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>
    /// Checks a spec's argument and the options this kind reads before anything is made (a command's usage check): an
    /// error message naming what is wrong and what is expected, or null. The kind owns its rules; null: nothing to
    /// check.
    /// </summary>
    public JudgeValidator? Validate { get; init; }
}
