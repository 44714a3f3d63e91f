using Alert.Benchmark;

namespace Alert.RedTeaming;

/// <summary>
/// An attack definition worked out without sending anything: the method, its protocol, the settings in force (the
/// target cap derived from the knobs unless one is given), the goals, the most calls by role, and what the user
/// should know before spending them (a cap below the knobs' product, per-category intervals that will be wide).
/// </summary>
public sealed record AttackPlan
{
    /// <summary>The definition with its protocol applied.</summary>
    public required AttackDefinition Definition { get; init; }

    /// <summary>The attack method.</summary>
    public required IAdaptiveAttack Method { get; init; }

    /// <summary>The protocol followed, or null.</summary>
    public AttackProtocol? Protocol { get; init; }

    /// <summary>The knobs and caps in force.</summary>
    public required AttackSettings Settings { get; init; }

    /// <summary>The goals.</summary>
    public required BenchmarkSet Goals { get; init; }

    /// <summary>The most calls by role for one goal.</summary>
    public AttackCalls PerGoal => Method.MostCalls(Settings);

    /// <summary>Warnings to print before the run (and in a dry run).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Works the plan out: resolves method and protocol, loads the goals, checks the models needed.</summary>
    public static async Task<AttackPlan> ComputeAsync(AttackDefinition definition,
        CancellationToken cancellationToken = default)
    {
        var method = AdaptiveAttacks.Resolve(definition.Method);
        Targets.TargetFactory.Resolve(definition.Target);
        var protocol = definition.Protocol is { } name ? AttackProtocol.Resolve(name) : null;
        if (protocol is not null)
            definition = protocol.Apply(definition);
        var (hasAttacker, hasScorer) = (definition.Attacker is not null, definition.Scorer is not null);
        if (method.Needs.Check(method.Name, hasAttacker, hasScorer) is { } missing)
            throw new AlertException(missing);
        var derived = method.DerivedMaxTargetQueries(definition.Settings);
        var settings = definition.Settings with { MaxTargetQueries = definition.MaxTargetQueries ?? derived };
        var goals = definition.Goals
            ?? (await BenchmarkSet.LoadBuiltInAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
                .BasePerCategory(definition.GoalsPerCategory);
        var warnings = new List<string>();
        if (settings.MaxTargetQueries < derived)
        {
            warnings.Add(FormattableString.Invariant(
                $"the target cap {settings.MaxTargetQueries} per goal is below the {derived} that {method.Name}'s ")
                + "settings call for: the search stops at the cap");
        }
        if (AttackSampleSize.Warning(goals, definition.Goals is null) is { } wide)
            warnings.Add(wide);
        return new AttackPlan
        {
            Definition = definition,
            Method = method,
            Protocol = protocol,
            Settings = settings,
            Goals = goals,
            Warnings = warnings,
        };
    }
}
