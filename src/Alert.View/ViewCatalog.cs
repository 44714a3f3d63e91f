using Alert.Judges;
using Alert.Labels;
using Alert.Reporting;
using Alert.Scoring;
using Alert.Storage;

namespace Alert.View;

/// <summary>The runs the view serves, read once at start (their indexes built or brought up to date).</summary>
internal sealed class ViewCatalog(IReadOnlyList<ViewRun> runs) : IAsyncDisposable
{
    /// <summary>Every run, in command-line order.</summary>
    public IReadOnlyList<ViewRun> Runs { get; } = runs;

    /// <summary>The benchmark runs (those with results to list).</summary>
    public IEnumerable<ViewRun> Benchmarks => Runs.Where(r => r.Index is not null);

    /// <summary>The run a page names by number; null when there is none.</summary>
    public ViewRun? Find(string? number) =>
        int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
            out var n) && n >= 0 && n < Runs.Count ? Runs[n] : null;

    /// <summary>Reads the runs; a directory that is not a run is an error naming it.</summary>
    /// <remarks>The first run's labels go to <paramref name="labelsFile"/> when given; every run's else to its own
    /// <c>labels.db</c>. Search indexes go to <paramref name="indexDirectory"/>.</remarks>
    public static async Task<ViewCatalog> LoadAsync(IReadOnlyList<string> directories, string? labelsFile,
        string indexDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var runs = new List<ViewRun>();
        foreach (var directory in directories)
        {
            if (!File.Exists(Path.Combine(directory, RunStore.FileName)))
                throw new AlertException($"{directory}: not a run directory (no {RunStore.FileName})");
            var number = runs.Count;
            if (await AttackRunReport.IsAttackRunAsync(directory, cancellationToken).ConfigureAwait(false))
            {
                var attack = await AttackRunReport.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
                runs.Add(new ViewRun(number, directory, attack.Name, null, null, null, attack));
                continue;
            }
            var report = await RunReport.LoadAsync(directory, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var index = await ViewIndex.OpenAsync(directory, report.Judge, indexDirectory, cancellationToken)
                .ConfigureAwait(false);
            var corrected = JudgeCard.For(report.Judge) is { } card
                ? JudgeCorrectedScore.Estimate(report.Scores.Overall, card)
                : null;
            var labels = new LabelDesk(directory,
                number == 0 && labelsFile is not null ? labelsFile : LabelStore.DefaultPath(directory), time);
            runs.Add(new ViewRun(number, directory, report.Name, report, index, corrected, null, labels));
        }
        // Two runs of one target (two judges, two dates) get their directory's name too: never two equal headings.
        var shared = runs.GroupBy(r => r.Title, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .SelectMany(g => g).Select(r => r.Number).ToHashSet();
        return new ViewCatalog(runs.Select(r => shared.Contains(r.Number)
            ? r with { Title = $"{r.Title} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(r.Directory))})" }
            : r).ToList());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var run in Runs)
        {
            if (run.Labels is not null)
                await run.Labels.DisposeAsync().ConfigureAwait(false);
        }
    }
}
