using System.Globalization;
using Alert.Cli.Commands;
using Alert.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli;

/// <summary>The <c>alert</c> command line, callable in-process (tests pass their own consoles).</summary>
public static class AlertCli
{
    public const int ExitOk = 0;
    public const int ExitError = 1;
    public const int ExitUsage = 2;
    public const int ExitInterrupted = 130;

    /// <summary>The width of a console that is not a terminal: lines are never hard-wrapped there.</summary>
    public const int UnlimitedWidth = 1_000_000;

    /// <summary>The width of help off a terminal when <c>COLUMNS</c> is not set: wide enough that nothing
    /// wraps.</summary>
    public const int HelpWidth = 4000;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, IAnsiConsole errors, TimeProvider time,
        CancellationToken cancellationToken = default,
        Func<string, string?>? variables = null, TextReader? input = null)
    {
        // --verbose is global: it adds the stack to an error, on any command.
        var verbose = args.Contains("--verbose", StringComparer.Ordinal);
        args = args.Where(a => a != "--verbose").ToArray();
        // Help is prose in a padded grid: off a terminal it wraps only at COLUMNS when set, and its lines lose the
        // grid's trailing padding.
        var help = args.Length == 0 || args.Any(a => a is "--help" or "-h" or "-?");
        args = ExplicitDefaultCommand(StandardInputArguments.Join(args), help);
        var environment = new CliEnvironment(console, errors, time)
        { Variable = variables ?? Environment.GetEnvironmentVariable, Input = input ?? Console.In };
        var helpWidth = environment.PipeColumns ?? HelpWidth;
        foreach (var c in new[] { console, errors })
        {
            if (!c.Profile.Out.IsTerminal)
                c.Profile.Width = help ? helpWidth : UnlimitedWidth;
        }
        // Numbers the CLI prints and writes read the same on every machine.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        if (environment.CacheDirectory is { } cacheDirectory)
            Alert.Common.UserCache.Directory = cacheDirectory;
        var helpBuffer = help && !console.Profile.Out.IsTerminal ? new StringWriter() : null;
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliEnvironment), environment);
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("alert");
            config.SetApplicationVersion(typeof(AlertCli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            config.ConfigureConsole(helpBuffer is null ? console : PlainConsole(helpBuffer, helpWidth));
            config.UseStrictParsing();
            config.PropagateExceptions();
            config.SetHelpProvider(new Infrastructure.PluginHelpProvider(config.Settings));
            config.AddCommand<RunCommand>("run")
                .WithDescription(
                    "Send benchmark prompts to a target, judge the responses, score and report (resumable).")
                .WithExample("run", "--target", "mock:refuse", "--out", "runs/demo")
                .WithExample("run", "--benchmark", "alert.jsonl", "--target", "openai:gpt-4o-mini", "--judge",
                    "llamaguard:meta-llama/LlamaGuard-7b", "--judge-base-url", "http://localhost:8000/v1", "--out",
                    "runs/gpt4o");
            config.AddCommand<BuildCommand>("build")
                .WithDescription(
                    "Build the ALERT benchmark (base, adversarial and benign look-alike prompts) from versioned data " +
                    "files, reproducibly, or from a red-team corpus (--from).")
                .WithExample("build", "--out", "bench", "--seed", "7")
                .WithExample("build", "--out", "bench", "--attacks", "base64,refusal_suppression+rot13");
            config.AddBranch("judge", judge =>
            {
                judge.SetDescription(
                    "Judge a JSONL file of prompt/response rows (verdict, judge, judge_output); 'train' and 'eval' " +
                    "subcommands.");
                judge.SetDefaultCommand<JudgeCommand>();
                judge.AddCommand<JudgeCommand>(DefaultCommandName).IsHidden();
                judge.AddCommand<JudgeTrainCommand>("train")
                    .WithDescription(
                        "Train (distil) an embedded judge from labelled pairs; reports cross-validated agreement.");
                judge.AddCommand<JudgeEvalCommand>("eval")
                    .WithDescription(
                        "Measure a judge against labelled pairs: accuracy, precision, recall, F1, kappa, confusion, " +
                        "throughput; --card writes a judge card.");
                judge.AddCommand<JudgeCardCommand>("card")
                    .WithDescription(
                        "A judge's measured sensitivity and specificity per evaluation set (its judge card).");
            });
            config.AddBranch("classify", classify =>
            {
                classify.SetDescription(
                    "Sort prompts (JSONL, CSV or red-team transcripts) into the ALERT taxonomy: prompt guard, " +
                    "keywords, MiniLM exemplars (or llm:MODEL); 'eval' measures it.");
                classify.SetDefaultCommand<ClassifyCommand>();
                classify.AddCommand<ClassifyCommand>(DefaultCommandName).IsHidden();
                classify.AddCommand<ClassifyEvalCommand>("eval")
                    .WithDescription(
                    "Micro and macro accuracy, per-category precision and recall, confusions, against labelled " +
                    "prompts.");
            });
            config.AddCommand<ReportCommand>("report")
                .WithDescription(
                    "Report on one or more runs: report.html, report.md, scores.csv, charts; leaderboard with " +
                    "confidence intervals; policies.")
                .WithExample("report", "runs/a", "runs/b", "--out", "report", "--policy", "cannabis-legal");
            config.AddCommand<AttackCommand>("attack")
                .WithDescription(
                    "Adaptive red teaming: an attack method (Best-of-N, PAIR, TAP, Crescendo, past tense, many-shot, " +
                    "persuasion) on goals " +
                    "per ALERT category; attack success rate per category with intervals (resumable).")
                .WithExample("attack", "--method", "bon", "--target", "openai:my-model", "--base-url",
                    "http://localhost:8000/v1", "--per-category", "2", "--out", "runs/bon");
            config.AddCommand<DpoCommand>("dpo")
                .WithDescription(
                    "Build ALERT_DPO preference pairs (chosen safe / rejected unsafe) from two or more judged runs.")
                .WithExample("dpo", "runs/a", "runs/b", "--out", "alert_dpo.jsonl");
            config.AddCommand<MergeCommand>("merge")
                .WithDescription(
                    "Merge the shard runs of one split (--shard I/N) into one run, identical to an unsharded run.")
                .WithExample("merge", "runs/s1", "runs/s2", "--out", "runs/all");
            config.AddBranch("cache", cache =>
            {
                cache.SetDescription("The answer cache shared by runs.");
                cache.AddCommand<CacheStatsCommand>("stats").WithDescription("Entries per target or judge, and size.");
                cache.AddCommand<CacheClearCommand>("clear")
                    .WithDescription("Remove all answers, or one target's (--owner).");
            });
            config.AddCommand<ViewCommand>("view")
                .WithDescription("Browse, search and label runs in a local web application (127.0.0.1, access token).")
                .WithExample("view", "runs/a", "runs/b");
            config.AddBranch("labels", labels =>
            {
                labels.SetDescription("People's labels on a run's answers (RUNDIR/labels.db): import and export.");
                labels.AddCommand<LabelsImportCommand>("import")
                    .WithDescription("Import labels ({\"id\", \"label\"} JSON Lines by result id); --audit: a random "
                        + "sample fit for the human-audited estimate.")
                    .WithExample("labels", "import", "runs/a", "labels.jsonl", "--audit", "--labeller", "ana");
                labels.AddCommand<LabelsExportCommand>("export")
                    .WithDescription("Export every labeller's current label as JSON Lines.");
            });
            config.AddBranch("datasets", datasets =>
            {
                datasets.SetDescription("Benchmark datasets on the Hugging Face Hub (cache as huggingface_hub).");
                datasets.AddCommand<DatasetsGetCommand>("get")
                    .WithDescription("Download a dataset (hf:OWNER/NAME, then :CONFIG, :SPLIT, @REVISION as needed, "
                        + "or a known name) into the cache; print its commit and local paths.")
                    .WithExample("datasets", "get", "hf:Babelscape/ALERT:alert");
                datasets.AddCommand<DatasetsListCommand>("list")
                    .WithDescription("The released datasets known by name, and what the cache holds.");
            });
            config.AddCommand<ScoreCommand>("score")
                .WithDescription("Compute safety scores from a run directory or a judged JSONL file.");
            config.AddCommand<TaxonomyCommand>("taxonomy")
                .WithDescription("Print the ALERT taxonomy: 6 macro and 32 micro categories with Llama Guard codes.");
        });
        try
        {
            if (!help && OptionValues.Error(args) is { } badValue)
                return Fail(errors, ExitUsage, badValue, new AlertException(badValue), verbose);
            try
            {
                return await app.RunAsync(args, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (helpBuffer is not null)
                    WriteTrimmed(console, helpBuffer.ToString());
            }
        }
        catch (Alert.Targets.MissingCredentialsException e)
        {
            // The library names options; a CLI user needs the flag and the variables, the judge's for a judge.
            if (e.Role == Alert.Targets.TargetRole.Judge)
                return Fail(errors, ExitError,
                    $"judge {e.Spec} needs --judge-base-url (a judge server), or a key " +
                    $"in {CliEnvironment.JudgeKeyVariable} for OpenAI's API", e, verbose);
            return Fail(errors, ExitError,
                $"{e.Spec} needs {CliEnvironment.OpenAIKeyVariable} in the environment, or --base-url " +
                $"(or {CliEnvironment.OpenAIBaseUrlVariable}) for a local server", e, verbose);
        }
        catch (Alert.Targets.TargetUnusableException e)
        {
            return Fail(errors, ExitError, $"{e.Message}; {FailureHints.For(e)}", e, verbose);
        }
        catch (AlertException e)
        {
            return Fail(errors, ExitError, e.Message, e, verbose);
        }
        catch (CommandAppException e)
        {
            return Fail(errors, ExitUsage, UsageMessage(e.Message, args), e, verbose);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.MarkupLine("[yellow]interrupted:[/] completed work is saved; run the same command again to resume.");
            return ExitInterrupted;
        }
        catch (Exception e)
        {
            return Fail(errors, ExitError, Describe(e), e, verbose);
        }
    }

    private static IAnsiConsole PlainConsole(TextWriter writer, int width)
    {
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        plain.Profile.Width = width;
        return plain;
    }

    /// <summary>Help off a terminal: each line without the grid's padding.</summary>
    private static void WriteTrimmed(IAnsiConsole console, string text)
    {
        var writer = console.Profile.Out.Writer;
        foreach (var line in text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            writer.WriteLine(line.TrimEnd());
        writer.Flush();
    }

    /// <summary>The hidden name of a branch's default command (<c>alert judge</c>, <c>alert classify</c>).</summary>
    private const string DefaultCommandName = "default";

    /// <summary>The subcommands of the branches that have a default command.</summary>
    private static readonly Dictionary<string, string[]> BranchCommands = new(StringComparer.Ordinal)
    {
        ["judge"] = ["train", "eval", "card", DefaultCommandName],
        ["classify"] = ["eval", DefaultCommandName],
    };

    /// <summary>
    /// <c>alert judge --input ...</c> as <c>alert judge default --input ...</c>: Spectre parses a branch's default
    /// command
    /// well, except that an unknown option is then blamed on the first option given. Help keeps the branch's own page.
    /// </summary>
    private static string[] ExplicitDefaultCommand(string[] args, bool help) =>
        !help && args.Length > 0 && BranchCommands.TryGetValue(args[0], out var commands)
            && (args.Length == 1 || !commands.Contains(args[1], StringComparer.Ordinal))
            ? [args[0], DefaultCommandName, .. args[1..]]
            : args;

    /// <summary>Spectre's usage error in the CLI's words: an unknown option as it was typed, with where to find the
    /// options.</summary>
    private static string UsageMessage(string message, string[] args)
    {
        var unknown = System.Text.RegularExpressions.Regex.Match(message, @"^Unknown option '([^']+)'\.?$");
        if (!unknown.Success)
            return message;
        var name = unknown.Groups[1].Value;
        var typed = name.Length == 1 ? "-" + name : "--" + name;
        var command = string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')).Where(a => a != DefaultCommandName));
        return $"unknown option '{typed}' (the options are in 'alert {command} --help')".Replace(
            "alert  --help", "alert --help", StringComparison.Ordinal);
    }

    /// <summary>One line saying what failed (two with the hint), the stack only with --verbose.</summary>
    private static int Fail(IAnsiConsole errors, int code, string message, Exception e, bool verbose)
    {
        errors.MarkupLineInterpolated($"[red]error:[/] {OneLine(message)}");
        if (verbose)
            errors.WriteLine(e.ToString());
        else if (e is not AlertException and not CommandAppException)
            errors.WriteLine("(run again with --verbose for the stack trace)");
        return code;
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'],
        StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>An unexpected failure as a user reads it: the kind of failure, the message (which names the path for
    /// I/O).</summary>
    private static string Describe(Exception e)
    {
        while (e is AggregateException { InnerExceptions.Count: 1 } a)
            e = a.InnerExceptions[0];
        var what = e switch
        {
            UnauthorizedAccessException or IOException => "cannot read or write a file",
            Microsoft.Data.Sqlite.SqliteException => "the run database failed",
            HttpRequestException => "a request failed",
            System.Text.Json.JsonException => "invalid JSON",
            _ => "unexpected failure (" + e.GetType().Name + ")",
        };
        return $"{what}: {e.Message}";
    }
}
