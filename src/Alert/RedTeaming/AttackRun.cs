using System.Globalization;
using System.Text.Json.Nodes;
using Alert.Attacks;
using Alert.Judges;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;
using Microsoft.Extensions.AI;

namespace Alert.RedTeaming;

/// <summary>
/// An attack run, composed from an <see cref="AttackDefinition"/>: the target, the attacker and scorer the method
/// needs (only those), the judge, the converters, the store with the run's identity and provenance;
/// <see cref="RunAsync"/> attacks every goal left, then writes <c>attacks.jsonl</c>, <c>scores.json</c> and
/// <c>manifest.json</c>. Opening the same directory again resumes; with anything in the provenance different it is
/// refused before anything is written.
/// </summary>
public sealed class AttackRun : IAsyncDisposable
{
    private readonly RunStore _store;
    private readonly IChatClient _target;
    private readonly AttackModels _models;
    private readonly IPromptAttack? _converter;
    private readonly List<IDisposable> _owned;

    private AttackRun(AttackPlan plan, RunStore store, IChatClient target, ISafetyJudge judge, AttackModels models,
        IPromptAttack? converter, List<IDisposable> owned)
    {
        Plan = plan;
        _store = store;
        _target = target;
        Judge = judge;
        _models = models;
        _converter = converter;
        _owned = owned;
    }

    /// <summary>The run as planned: method, protocol, settings in force, goals, warnings.</summary>
    public AttackPlan Plan { get; }

    /// <summary>The run's judge (the final verdict on each goal's best attempt).</summary>
    public ISafetyJudge Judge { get; }

    /// <summary>The target and where it is served, safe to print or store (never a key).</summary>
    public string TargetServer => TargetFactory.Describe(Plan.Definition.Target, Plan.Definition.TargetOptions);

    /// <summary>The run directory.</summary>
    public string Directory => _store.Directory;

    /// <summary>What the run would send, worked out without sending anything or creating a model client.</summary>
    public static Task<AttackPlan> PlanAsync(AttackDefinition definition, CancellationToken cancellationToken = default)
        => AttackPlan.ComputeAsync(definition, cancellationToken);

    /// <summary>
    /// Opens (or creates) the run: makes the models the method needs, checks a resumed run's provenance (one line
    /// naming the first difference, nothing written) and records it.
    /// </summary>
    public static async Task<AttackRun> OpenAsync(AttackDefinition definition,
        CancellationToken cancellationToken = default)
    {
        var plan = await AttackPlan.ComputeAsync(definition, cancellationToken).ConfigureAwait(false);
        var d = plan.Definition;
        TargetFactory.Resolve(d.Target);
        var converter = d.Converters.Count == 0 ? null : AttackCatalog.Resolve(string.Join("+", d.Converters));
        var owned = new List<IDisposable>();
        try
        {
            var judgeOptions = d.JudgeOptions with { Cache = d.Cache };
            var judge = Own(owned, CreateJudge(plan, judgeOptions));
            var models = CreateModels(plan, judgeOptions, owned);
            var target = Own(owned, TargetFactory.Create(d.Target, d.TargetOptions, d.ApiKey, d.Time, d.Cache));
            var store = await OpenStoreAsync(plan, AttackProvenance.Fields(plan, models.Scorer?.Name), judge,
                cancellationToken).ConfigureAwait(false);
            return new AttackRun(plan, store, target, judge, models, converter, owned);
        }
        catch
        {
            DisposeAll(owned);
            throw;
        }
    }

    /// <summary>Attacks every goal without a result, re-judges finished ones with another judge, then writes.</summary>
    public async Task<AttackRunResult> RunAsync(IProgress<RunProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var d = Plan.Definition;
        var runner = new AdaptiveAttackRunner(_target, d.TargetOptions, Judge, d.Time, _models)
        {
            Converter = _converter,
        };
        var summary = await runner.RunAsync(_store, Plan.Method, Plan.Settings, progress, cancellationToken)
            .ConfigureAwait(false);
        var finished = d.Time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await _store.SetMetaAsync("run_finished_at", finished, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var scores = await AttackOutputs.WriteAsync(_store, Plan.Method, Plan.Settings, cancellationToken)
            .ConfigureAwait(false);
        var results = await _store.ReadAttackResultsAsync(Plan.Method.Name, cancellationToken).ConfigureAwait(false);
        var reasons = results.Values
            .Select(r => r.Reason).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return new AttackRunResult(summary, scores, reasons);
    }

    /// <summary>Closes the store and disposes the models the run created.</summary>
    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        DisposeAll(_owned);
    }

    /// <summary>The run's judge; an <c>llm:</c> judge under a protocol reads with the protocol's prompt.</summary>
    private static ISafetyJudge CreateJudge(AttackPlan plan, JudgeOptions options)
    {
        var spec = plan.Definition.Judge;
        if (plan.Protocol is { } protocol && spec.StartsWith("llm:", StringComparison.Ordinal))
        {
            var model = spec["llm:".Length..];
            var client = JudgeFactory.ModelClient(model, options, plan.Definition.Time);
            return new LlmJudge(client, model, protocol.JudgeRubric);
        }
        return JudgeFactory.Create(spec, options, plan.Definition.Time);
    }

    /// <summary>The attacker and scorer the method uses; one it does not use is neither made nor recorded.</summary>
    private static AttackModels CreateModels(AttackPlan plan, JudgeOptions judgeOptions, List<IDisposable> owned)
    {
        var d = plan.Definition;
        IChatClient? attacker = null;
        IAttackScorer? scorer = null;
        if (plan.Method.Needs.Attacker != AttackModelNeed.None && d.Attacker is { } a)
        {
            TargetFactory.Resolve(a);
            // The attacker samples (temperature 1): a cached answer would make every stream of one variant the same.
            var options = d.AttackerOptions with { Role = TargetRole.Attacker };
            attacker = Own(owned, TargetFactory.Create(a, options, d.ApiKey, d.Time, cache: null));
        }
        if (plan.Method.Needs.Scorer != AttackModelNeed.None && d.Scorer is { } s)
        {
            if (s.StartsWith("judge:", StringComparison.Ordinal))
            {
                var judge = Own(owned, JudgeFactory.Create(s["judge:".Length..], judgeOptions, d.Time));
                scorer = new JudgeRatingScorer(judge);
            }
            else
            {
                TargetFactory.Resolve(s);
                var options = d.ScorerOptions with { Role = TargetRole.Scorer };
                var model = Own(owned, TargetFactory.Create(s, options, d.ApiKey, d.Time, d.Cache));
                scorer = new ModelRatingScorer(model, s);
            }
        }
        return new AttackModels(attacker, scorer);
    }

    private static async Task<RunStore> OpenStoreAsync(AttackPlan plan, JsonObject provenance, ISafetyJudge judge,
        CancellationToken cancellationToken)
    {
        var d = plan.Definition;
        // The target options say what the target answers; everything else the attack is, is in its provenance.
        var identity = new RunIdentity(d.Target, d.TargetOptions.Identity + ";kind=attack", plan.Goals.Name,
            plan.Goals.Sha256);
        var store = await RunStore.OpenAsync(d.Directory, cancellationToken).ConfigureAwait(false);
        try
        {
            // The provenance first: other goals are another attack run, never more goals added to this one.
            var meta = await store.ReadMetaAsync(cancellationToken).ConfigureAwait(false);
            if (meta.TryGetValue(AttackProvenance.MetaKey, out var recorded)
                && JsonNode.Parse(recorded) is JsonObject was
                && AttackProvenance.Difference(was, provenance) is { } difference)
            {
                throw new AlertException(
                    $"{Path.Combine(store.Directory, RunStore.FileName)}: this run directory holds another attack "
                    + $"run ({difference}); use a new run directory");
            }
            await store.InitializeAsync(identity, plan.Goals, d.Time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            await store.SetMetaAsync(AttackProvenance.MetaKey, provenance.ToJsonString(),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.SetMetaAsync("kind", "attack", cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.SetMetaAsync("tool_version", RunOutputs.ToolVersion, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            await store.SetMetaAsync("target_server", TargetFactory.Describe(d.Target, d.TargetOptions),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await store.SetMetaAsync("judge", judge.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static T Own<T>(List<IDisposable> owned, T item) where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    private static void DisposeAll(List<IDisposable> owned)
    {
        for (var i = owned.Count - 1; i >= 0; i--)
            owned[i].Dispose();
    }
}
