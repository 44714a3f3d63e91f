namespace Alert.RedTeaming;

/// <summary>
/// A method that searches for a successful attack on one goal, adapting to the target's answers (or sampling, for
/// Best-of-N). It makes every call through its <see cref="AttackContext"/>, which caps, records and, on a resumed run,
/// replays them; given the same answers it makes the same calls, so a resumed goal repeats no completed call.
/// </summary>
/// <remarks><see cref="Plugins.IPluginDescriptor.Name"/> is the method's name in specs, files and reports (<c>bon</c>,
/// <c>pair</c>, ...).</remarks>
public interface IAdaptiveAttack : Plugins.IPluginDescriptor
{
    /// <summary>The target cap per goal when none is given (for PAIR, JailbreakBench's 30 streams x 3
    /// iterations).</summary>
    int DefaultMaxTargetQueries { get; }

    /// <summary>
    /// The models the method needs besides the target; a method that declares none needs only the target.
    /// </summary>
    AttackNeeds Needs => AttackNeeds.TargetOnly;

    /// <summary>
    /// The prompt files (under <c>data/</c>) the method sends; their SHA-256 hashes are part of the run's identity.
    /// </summary>
    IReadOnlyList<string> PromptFiles => [];

    /// <summary>
    /// The target cap per goal derived from the method's knobs (PAIR: streams x iterations; TAP: width x depth),
    /// used when no cap is given; a method without knobs that bound it keeps <see cref="DefaultMaxTargetQueries"/>.
    /// </summary>
    int DerivedMaxTargetQueries(AttackSettings settings) => DefaultMaxTargetQueries;

    /// <summary>The most calls per goal by role under <paramref name="settings"/> (for <c>--dry-run</c>; the caps
    /// enforce them).</summary>
    AttackCalls MostCalls(AttackSettings settings);

    /// <summary>Attacks <see cref="AttackContext.Goal"/> within the context's caps.</summary>
    Task<AttackOutcome> RunAsync(AttackContext context, CancellationToken cancellationToken = default);
}
