using System.Globalization;
using Alert.Benchmark;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.RedTeaming;
using Alert.Scoring;
using Alert.Running;
using Alert.Storage;
using Alert.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert attack</c>: an adaptive attack method on goals per ALERT category; resumable on the same <c>--out</c>.</summary>
public sealed class AttackCommand(CliEnvironment env) : AsyncCommand<AttackCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AttackCommandSettings settings, CancellationToken cancellationToken)
    {
        var method = AdaptiveAttacks.Resolve(settings.Method!);
        TargetFactory.Resolve(settings.Target!);
        var goals = settings.Goals is { } file
            ? await BenchmarkSet.LoadAsync([file], cancellationToken)
            : (await BenchmarkSet.LoadBuiltInAsync(cancellationToken: cancellationToken)).BasePerCategory(settings.PerCategory);
        var attack = settings.ToAttackSettings(method);
        if (settings.DryRun)
        {
            WritePlan(settings, method, attack, goals);
            return AlertCli.ExitOk;
        }
        var servers = env.TargetServers(settings.Target!, settings.BaseUrl);
        var targetOptions = new TargetOptions
        {
            BaseUrls = servers,
            MaxHedgeRate = settings.ResolveHedgeRate(servers),
            MaxConcurrency = settings.Concurrency,
            MaxOutputTokens = settings.MaxTokens,
            RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
            MaxAttempts = settings.Attempts,
        };
        using var cache = settings.OpenCache(env);
        using var judge = settings.CreateJudge(env, cache);
        using var target = TargetFactory.Create(settings.Target!, targetOptions, env.OpenAIKey, env.Time, cache);
        // The attacker samples (temperature 1): a cached answer would make every stream of one variant the same.
        using var attacker = settings.Attacker is { } a ? Model(settings, a, settings.AttackerBaseUrl, TargetRole.Attacker, cache: null) : null;
        using var scorerJudge = settings.Scorer is { } sj && sj.StartsWith("judge:", StringComparison.Ordinal)
            ? Judges.JudgeFactory.Create(sj["judge:".Length..], settings.CreateJudgeOptions(env, cache), env.Time) : null;
        using var scorerModel = settings.Scorer is { } sm && scorerJudge is null ? Model(settings, sm, settings.ScorerBaseUrl, TargetRole.Scorer, cache) : null;
        IAttackScorer? scorer = scorerJudge is not null ? new JudgeRatingScorer(scorerJudge)
            : scorerModel is not null ? new ModelRatingScorer(scorerModel, settings.Scorer!) : null;
        await using var store = await RunStore.OpenAsync(settings.Out!, cancellationToken);
        // The attack configuration is part of what the run is: a run directory holds one.
        var identity = new RunIdentity(settings.Target!, targetOptions.Identity + ";" + attack.Identity(method.Name), goals.Name, goals.Sha256);
        await store.InitializeAsync(identity, goals, env.Time.GetUtcNow(), cancellationToken);
        await store.SetMetaAsync("kind", "attack", cancellationToken: cancellationToken);
        await store.SetMetaAsync("tool_version", RunOutputs.ToolVersion, cancellationToken: cancellationToken);
        await store.SetMetaAsync("target_server", TargetFactory.Describe(settings.Target!, targetOptions), cancellationToken: cancellationToken);
        await store.SetMetaAsync("judge", judge.Name, cancellationToken: cancellationToken);
        var say = env.Messages(settings);
        say.WriteLine($"attack {method.Name} on {TargetFactory.Describe(settings.Target!, targetOptions)}: {goals.Prompts.Count} goals from {goals.Name}, at most {attack.MaxTargetQueries} target queries each, judge {judge.Name}");
        var summary = await ProgressReporter.RunAsync(say, "attack",
            progress => new AdaptiveAttackRunner(target, targetOptions, judge, env.Time, new AttackModels(attacker, scorer))
                .RunAsync(store, method, attack, progress, cancellationToken));
        if (summary.AlreadyDone > 0)
            say.WriteLine($"resumed: {summary.AlreadyDone} goals were already done");
        if (summary.LeftByBudget > 0)
            say.WriteLine($"budget reached: {summary.LeftByBudget} goals stopped part-way; run the same command again to go on");
        var scores = await AttackOutputs.WriteAsync(store, method, attack, cancellationToken);
        Write(settings, scores);
        say.WriteLine($"wrote {Path.Combine(settings.Out!, AttackOutputs.AttacksFileName)}, {RunOutputs.ScoresFileName} and {RunOutputs.ManifestFileName}");
        var all = scores.Overall;
        if (all.NotSent + all.Errors > 0)
            say.WriteLine($"outcomes: {all.Unsafe} jailbroken, {all.Safe} resisted, {all.NotSent} attack failed, {all.Errors} errors (reasons in {AttackOutputs.AttacksFileName})");
        // Nothing could be attempted: no rate to report, and the run says why.
        if (all.Total > 0 && all.Judged == 0 && summary.LeftByBudget == 0)
        {
            var reasons = (await store.ReadAttackResultsAsync(method.Name, cancellationToken)).Values
                .Select(r => r.Reason).OfType<string>().Distinct(StringComparer.Ordinal).Take(2);
            env.Error.WriteLine($"error: no goal could be attempted ({all.NotSent} attack failed, {all.Errors} errors): {string.Join("; ", reasons)}");
            return AlertCli.ExitError;
        }
        return AlertCli.ExitOk;
    }

    private void WritePlan(AttackCommandSettings settings, IAdaptiveAttack method, AttackSettings attack, BenchmarkSet goals)
    {
        var perGoal = method.MostCalls(attack);
        var all = perGoal.Times(goals.Prompts.Count);
        var judgeCalls = Judges.JudgeFactory.ModelCallsPerResponse(settings.Judge);
        var table = new OutputTable("plan", $"dry run: {method.Name}", "Figure", "Value");
        table.Add("goals", $"{goals.Prompts.Count} from {goals.Name}");
        table.Add("target calls (at most)", all.Target);
        table.Add("attacker calls (at most)", all.Attacker);
        table.Add("scorer calls (at most)", all.Scorer);
        table.Add("judge model calls (at most)", (long)goals.Prompts.Count * judgeCalls);
        if (settings.PriceIn is { } pin && settings.PriceOut is { } pout)
        {
            var input = goals.Prompts.Sum(p => RunPlan.EstimateTokens(p.Prompt.Text) * perGoal.Target);
            var output = all.Target * settings.MaxTokens;
            table.Add("target cost (at most, est.)", new TokenPrices(pin, pout).Cost(input, output).ToString("0.####", CultureInfo.InvariantCulture));
        }
        env.Write(settings, table);
        env.Messages(settings).WriteLine("dry run: nothing was sent");
    }

    /// <summary>An attacker or scorer model through the same middleware as the target.</summary>
    private Microsoft.Extensions.AI.IChatClient Model(AttackCommandSettings settings, string spec, string? baseUrl, TargetRole role, Caching.ResponseCache? cache)
    {
        TargetFactory.Resolve(spec);
        var options = new TargetOptions
        {
            BaseUrls = env.TargetServers(spec, baseUrl is null ? [] : [baseUrl]),
            MaxConcurrency = settings.Concurrency,
            RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
            MaxAttempts = settings.Attempts,
            Role = role,
        };
        return TargetFactory.Create(spec, options, env.OpenAIKey, env.Time, cache);
    }

    private void Write(AttackCommandSettings settings, AttackScores scores)
    {
        static string Ci(Scoring.ScoreCell cell) => AttackScores.Interval(cell) is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{ci.Low:0.0}-{ci.High:0.0}") : "";
        var table = new OutputTable("asr", $"attack success rate ({scores.Method}): jailbroken / (jailbroken + resisted)", "Scope", "Name", "ASR", "95% CI",
            "Goals", "Jailbroken", "Resisted", "Attack failed", "Errors");
        void Add(string scope, string name, Scoring.ScoreCell cell) =>
            table.Add(scope, name, AttackScores.Format(AttackScores.Rate(cell)), Ci(cell), cell.Total, cell.Unsafe, cell.Safe, cell.NotSent, cell.Errors);
        foreach (var macro in Taxonomy.AlertTaxonomy.Default.Macros)
            Add("macro", macro.Name, scores.Macros[macro.Id]);
        Add("overall", "in-loop scorer", scores.InLoop);
        Add("overall", "Overall", scores.Overall);
        var budget = new OutputTable("budget", "attack success against target queries per goal", "Target queries", "ASR");
        foreach (var (queries, rate) in scores.ByBudget)
            budget.Add(queries, AttackScores.Format(rate));
        env.Write(settings, table, budget);
    }
}
