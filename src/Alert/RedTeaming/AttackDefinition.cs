using Alert.Benchmark;
using Alert.Caching;
using Alert.Judges;
using Alert.Targets;

namespace Alert.RedTeaming;

/// <summary>
/// Everything an attack run is made of, with its defaults in one place: the method and its knobs, the target, the
/// attacker and scorer models, the judge, the goals, a protocol and converters. <see cref="AttackRun"/> composes it;
/// the same definition always makes the same run (and resumes it).
/// </summary>
public sealed record AttackDefinition
{
    /// <summary>The run directory (its state is <c>run.db</c>; opening it again resumes).</summary>
    public required string Directory { get; init; }

    /// <summary>The attack method's name (<see cref="AdaptiveAttacks"/>).</summary>
    public required string Method { get; init; }

    /// <summary>The target spec <c>PROVIDER:MODEL</c>.</summary>
    public required string Target { get; init; }

    /// <summary>How attempts are sent to the target; a protocol may set its answer length.</summary>
    public TargetOptions TargetOptions { get; init; } = TargetOptions.Default;

    /// <summary>The key for the target, attacker and scorer servers; used for requests only, never stored.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The goals; null: <see cref="GoalsPerCategory"/> plain prompts per category, built-in.</summary>
    public BenchmarkSet? Goals { get; init; }

    /// <summary>Goals per ALERT category taken from the built-in benchmark when <see cref="Goals"/> is null.</summary>
    public int GoalsPerCategory { get; init; } = 1;

    /// <summary>The attacker model spec, or null; used only by a method that needs one.</summary>
    public string? Attacker { get; init; }

    /// <summary>How the attacker is reached (servers, timeouts, retries).</summary>
    public TargetOptions AttackerOptions { get; init; } = new() { Role = TargetRole.Attacker };

    /// <summary>The in-loop scorer: a model spec rating 1-10, or <c>judge:SPEC</c>; used only where needed.</summary>
    public string? Scorer { get; init; }

    /// <summary>How a scorer model is reached.</summary>
    public TargetOptions ScorerOptions { get; init; } = new() { Role = TargetRole.Scorer };

    /// <summary>The run's judge spec: it gives the final verdict on each goal's best attempt.</summary>
    public string Judge { get; init; } = JudgeFactory.DefaultSpec;

    /// <summary>Options of the run's judge and of a <c>judge:</c> scorer; the run sets their cache.</summary>
    public JudgeOptions JudgeOptions { get; init; } = new();

    /// <summary>The method's knobs and caps.</summary>
    public AttackSettings Settings { get; init; } = new();

    /// <summary>The target cap per goal; null derives it from the method's knobs.</summary>
    public int? MaxTargetQueries { get; init; }

    /// <summary>A published protocol the run follows (<see cref="AttackProtocol"/>), or null.</summary>
    public string? Protocol { get; init; }

    /// <summary>Static attacks (<c>src/Alert/Attacks</c>) wrapping each attempt sent to the target, in order.</summary>
    public IReadOnlyList<string> Converters { get; init; } = [];

    /// <summary>The answer cache for the target, the judge and the scorer; the attacker is never cached.</summary>
    public ResponseCache? Cache { get; init; }

    /// <summary>The clock for timestamps and backoff.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
