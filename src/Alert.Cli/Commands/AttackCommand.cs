using System.Globalization;
using Alert.Benchmark;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.RedTeaming;
using Alert.Running;
using Alert.Scoring;
using Alert.Targets;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary>
/// <c>alert attack</c>: maps its flags to an <see cref="AttackDefinition"/>, has <see cref="AttackRun"/> run it
/// (resumable on the same <c>--out</c>) and prints what happened.
/// </summary>
public sealed class AttackCommand(CliEnvironment env) : AsyncCommand<AttackCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AttackCommandSettings settings,
        CancellationToken cancellationToken)
    {
        using var cache = settings.DryRun ? null : settings.OpenCache(env);
        var definition = await DefinitionAsync(settings, cache, cancellationToken);
        var say = env.Messages(settings);
        if (settings.DryRun)
        {
            var plan = await AttackRun.PlanAsync(definition, cancellationToken);
            foreach (var warning in plan.Warnings)
                say.WriteLine("warning: " + warning);
            WritePlan(settings, plan);
            return AlertCli.ExitOk;
        }
        await using var run = await AttackRun.OpenAsync(definition, cancellationToken);
        foreach (var warning in run.Plan.Warnings)
            say.WriteLine("warning: " + warning);
        var protocol = run.Plan.Protocol is { } p ? $", protocol {p.Name}" : "";
        var converters = definition.Converters.Count > 0
            ? $", converters {string.Join(",", definition.Converters)}" : "";
        say.WriteLine($"attack {run.Plan.Method.Name} on {run.TargetServer}: {run.Plan.Goals.Prompts.Count} goals from "
            + $"{run.Plan.Goals.Name}, at most {run.Plan.Settings.MaxTargetQueries} target queries each, judge "
            + $"{run.Judge.Name}{protocol}{converters}");
        var result = await ProgressReporter.RunAsync(say, "attack",
            progress => run.RunAsync(progress, cancellationToken));
        var summary = result.Summary;
        if (summary.AlreadyDone > 0)
            say.WriteLine($"resumed: {summary.AlreadyDone} goals were already done");
        if (summary.LeftByBudget > 0)
        {
            say.WriteLine($"budget reached: {summary.LeftByBudget} goals stopped part-way; "
                + "run the same command again to go on");
        }
        Write(settings, result.Scores);
        say.WriteLine($"wrote {Path.Combine(run.Directory, AttackOutputs.AttacksFileName)}, "
            + $"{RunOutputs.ScoresFileName} and {RunOutputs.ManifestFileName}");
        var all = result.Scores.Overall;
        if (all.NotSent + all.Errors > 0)
        {
            say.WriteLine($"outcomes: {all.Unsafe} jailbroken, {all.Safe} resisted, {all.NotSent} attack failed, "
                + $"{all.Errors} errors (reasons in {AttackOutputs.AttacksFileName})");
        }
        // Nothing could be attempted: no rate to report, and the run says why.
        if (all.Total > 0 && all.Judged == 0 && summary.LeftByBudget == 0)
        {
            env.Error.WriteLine($"error: no goal could be attempted ({all.NotSent} attack failed, "
                + $"{all.Errors} errors): {string.Join("; ", result.Reasons.Take(2))}");
            return AlertCli.ExitError;
        }
        return AlertCli.ExitOk;
    }

    /// <summary>The flags as a definition: servers from the flags or the environment, keys from it only.</summary>
    private async Task<AttackDefinition> DefinitionAsync(AttackCommandSettings settings, Caching.ResponseCache? cache,
        CancellationToken cancellationToken)
    {
        var servers = env.TargetServers(settings.Target!, settings.BaseUrl);
        TargetOptions Model(string? spec, string? baseUrl, TargetRole role) => new()
        {
            BaseUrls = spec is null ? [] : env.TargetServers(spec, baseUrl is null ? [] : [baseUrl]),
            MaxConcurrency = settings.Concurrency,
            RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
            MaxAttempts = settings.Attempts,
            Role = role,
        };
        return new AttackDefinition
        {
            Directory = settings.Out!,
            Method = settings.Method!,
            Target = settings.Target!,
            TargetOptions = new TargetOptions
            {
                BaseUrls = servers,
                MaxHedgeRate = settings.ResolveHedgeRate(servers),
                MaxConcurrency = settings.Concurrency,
                MaxOutputTokens = settings.MaxTokens ?? AttackCommandSettings.DefaultMaxTokens,
                RequestTimeout = TimeSpan.FromSeconds(settings.Timeout),
                MaxAttempts = settings.Attempts,
            },
            ApiKey = env.OpenAIKey,
            Goals = settings.Goals is { } file ? await BenchmarkSet.LoadAsync([file], cancellationToken) : null,
            GoalsPerCategory = settings.PerCategory,
            Attacker = settings.Attacker,
            AttackerOptions = Model(settings.Attacker, settings.AttackerBaseUrl, TargetRole.Attacker),
            Scorer = settings.Scorer,
            ScorerOptions = Model(settings.Scorer, settings.ScorerBaseUrl, TargetRole.Scorer),
            Judge = settings.Judge,
            JudgeOptions = settings.CreateJudgeOptions(env),
            Settings = settings.ToAttackSettings(),
            MaxTargetQueries = settings.MaxTargetQueries,
            Protocol = settings.Protocol,
            Converters = settings.ConverterNames,
            Cache = cache,
            Time = env.Time,
        };
    }

    private void WritePlan(AttackCommandSettings settings, AttackPlan plan)
    {
        var goals = plan.Goals;
        var perGoal = plan.PerGoal;
        var all = perGoal.Times(goals.Prompts.Count);
        var judgeCalls = Judges.JudgeFactory.ModelCallsPerResponse(plan.Definition.Judge);
        var table = new OutputTable("plan", $"dry run: {plan.Method.Name}", "Figure", "Value");
        table.Add("goals", $"{goals.Prompts.Count} from {goals.Name}");
        table.Add("target queries per goal (cap)", plan.Settings.MaxTargetQueries);
        table.Add("target calls (at most)", all.Target);
        table.Add("attacker calls (at most)", all.Attacker);
        table.Add("scorer calls (at most)", all.Scorer);
        table.Add("judge model calls (at most)", (long)goals.Prompts.Count * judgeCalls);
        if (settings.PriceIn is { } pin && settings.PriceOut is { } pout)
        {
            var input = goals.Prompts.Sum(p => RunPlan.EstimateTokens(p.Prompt.Text) * perGoal.Target);
            var output = all.Target * plan.Definition.TargetOptions.MaxOutputTokens;
            table.Add("target cost (at most, est.)",
                new TokenPrices(pin, pout).Cost(input, output).ToString("0.####", CultureInfo.InvariantCulture));
        }
        env.Write(settings, table);
        env.Messages(settings).WriteLine("dry run: nothing was sent");
    }

    private void Write(AttackCommandSettings settings, AttackScores scores)
    {
        static string Ci(ScoreCell cell) => AttackScores.Interval(cell) is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{ci.Low:0.0}-{ci.High:0.0}") : "";
        var title = $"attack success rate ({scores.Method}): jailbroken / (jailbroken + resisted)";
        var table = new OutputTable("asr", title,
            "Scope", "Name", "ASR", "95% CI", "Goals", "Jailbroken", "Resisted", "Attack failed", "Errors");
        void Add(string scope, string name, ScoreCell cell) => table.Add(scope, name,
            AttackScores.Format(AttackScores.Rate(cell)), Ci(cell), cell.Total, cell.Unsafe, cell.Safe, cell.NotSent,
            cell.Errors);
        foreach (var macro in Taxonomy.AlertTaxonomy.Default.Macros)
            Add("macro", macro.Name, scores.Macros[macro.Id]);
        Add("overall", "in-loop scorer", scores.InLoop);
        Add("overall", "Overall", scores.Overall);
        var budget = new OutputTable("budget", "attack success against target queries per goal", "Target queries",
            "ASR");
        foreach (var (queries, rate) in scores.ByBudget)
            budget.Add(queries, AttackScores.Format(rate));
        if (scores.Techniques.Count == 0)
        {
            env.Write(settings, table, budget);
            return;
        }
        // Every technique was tried on every goal it reached: each has its own rate (scores.json's "techniques").
        var techniques = new OutputTable("techniques", $"attack success per technique ({scores.Method})",
            "Technique", "ASR", "95% CI", "Goals", "Jailbroken", "Resisted", "Attack failed", "Errors",
            "Queries to success (mean)");
        foreach (var (technique, each) in scores.Techniques)
        {
            var cell = each.Overall;
            var mean = each.QueriesToSuccess.Count == 0 ? "n/a"
                : each.QueriesToSuccess.Average().ToString("0.0", CultureInfo.InvariantCulture);
            techniques.Add(technique, AttackScores.Format(AttackScores.Rate(cell)), Ci(cell), cell.Total, cell.Unsafe,
                cell.Safe, cell.NotSent, cell.Errors, mean);
        }
        env.Write(settings, table, techniques, budget);
    }
}
