using System.Diagnostics;
using Alert.Running;
using Spectre.Console;

namespace Alert.Cli.Commands;

/// <summary>
/// Shows run progress: a live bar on an interactive terminal, otherwise a plain line every few
/// seconds (logs and CI stay readable).
/// </summary>
internal static class ProgressReporter
{
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string title, Func<IProgress<RunProgress>,
        Task<T>> work)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask(title);
                    result = await work(new Progress<RunProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                        task.Description =
                            $"{title} ({p.Done}/{p.Total}, errors {p.Errors}{(p.Note is null ? "" : "; " + p.Note)})";
                    })).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return result;
        }
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var gate = new object();
        var reporter = new SyncProgress(p =>
        {
            lock (gate)
            {
                if (p.Done < p.Total && clock.Elapsed - last < TimeSpan.FromSeconds(5))
                    return;
                last = clock.Elapsed;
                console.WriteLine(
                    $"{title}: {p.Done}/{p.Total} done ({p.Requested} requested, {p.Judged} judged, {p.Errors} " +
                    $"errors{(p.Note is null ? "" : "; " + p.Note)}) after {clock.Elapsed.TotalSeconds:0}s");
            }
        });
        return await work(reporter).ConfigureAwait(false);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool out of
    /// order).</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
