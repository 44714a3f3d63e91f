using Alert.Plugins;

namespace Alert.Judges;

/// <summary>
/// The judge kinds by name. <see cref="Default"/> holds every kind registered with
/// <see cref="AlertPluginAttribute"/> in the loaded Alert assemblies (and the user's); factories, help, plans and
/// error messages read it.
/// </summary>
public sealed class JudgeRegistry
{
    private static readonly Lazy<JudgeRegistry> Discovered =
        new(() => new JudgeRegistry(PluginDiscovery.Find<JudgeKind>()));
    private readonly PluginSet<JudgeKind> _kinds;

    /// <summary>A registry of the given judge kinds.</summary>
    public JudgeRegistry(IEnumerable<JudgeKind> kinds) => _kinds = new PluginSet<JudgeKind>(kinds, "judge");

    /// <summary>The judge kinds found in the loaded ALERT assemblies.</summary>
    public static JudgeRegistry Default => Discovered.Value;

    /// <summary>The kinds in help order.</summary>
    public IReadOnlyList<JudgeKind> Kinds => _kinds.All;

    /// <summary>Every spec form, for messages: "embedded, embedded:MODEL, refusal, ...".</summary>
    public string Usages => _kinds.Usages;

    /// <summary>Makes the judge a spec names; an unknown kind or bad argument is an <see cref="AlertException"/>
    /// listing the usages.</summary>
    public ISafetyJudge Create(string spec, JudgeOptions? options = null, TimeProvider? time = null)
    {
        var (kind, argument) = Resolve(spec);
        return kind.Create(argument, new JudgeContext(options ?? new JudgeOptions(), time, this));
    }

    /// <summary>At most how many model requests a judge of this spec makes per response (0 for in-process
    /// judges).</summary>
    public int ModelCallsPerResponse(string spec)
    {
        var (kind, argument) = Resolve(spec);
        return kind.Combines ? SplitList(argument).Sum(ModelCallsPerResponse) : kind.ModelCalls;
    }

    /// <summary>The kind of a spec and its argument; throws a message listing every form for an unknown or malformed
    /// one.</summary>
    public (JudgeKind Kind, string Argument) Resolve(string spec)
    {
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var (name, argument) = colon > 0 ? (spec[..colon], spec[(colon + 1)..]) : (spec, "");
        if (!_kinds.TryGet(name, out var kind)
            || (kind.TakesArgument == true && argument.Length == 0)
            || (kind.TakesArgument == false && (argument.Length > 0 || colon > 0)))
            throw new AlertException($"unknown judge '{spec}' (expected {Usages})");
        return (kind, argument);
    }

    /// <summary>
    /// What is wrong with a spec and the options its kinds read, or null: an unknown kind, a missing or extra argument,
    /// then each kind's own check (<see cref="JudgeKind.Validate"/>), members of a combining judge included.
    /// </summary>
    public string? Validate(string spec, JudgeOptions options)
    {
        JudgeKind kind;
        string argument;
        try
        {
            (kind, argument) = Resolve(spec);
        }
        catch (AlertException e)
        {
            return e.Message;
        }
        if (kind.Validate?.Invoke(argument, options) is { } error)
            return error;
        return kind.Combines ? SplitList(argument).Select(member => Validate(member, options))
            .FirstOrDefault(e => e is not null) : null;
    }

    /// <summary>
    /// What is wrong with the options, whichever judge reads them, or null: each kind checks them on its example spec,
    /// so a mistyped Llama Guard policy is caught before the user switches to Llama Guard.
    /// </summary>
    public string? ValidateOptions(JudgeOptions options) =>
        Kinds.Where(k => k.Validate is not null && k.Example is not null)
            .Select(k => k.Validate!(Resolve(k.Example!).Argument, options)).FirstOrDefault(e => e is not null);

    /// <summary>A combining judge's member specs.</summary>
    public static List<string> SplitList(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
