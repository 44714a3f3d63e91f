using Alert.Cli.Infrastructure;
using Alert.Running;
using Alert.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert merge</c>: shards of one run into a run identical to an unsharded one.</summary>
public sealed class MergeCommand(CliEnvironment env) : AsyncCommand<MergeSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, MergeSettings settings, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(settings.Out!);
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
            throw new AlertException($"{settings.Out}: already exists and is not empty; merge into a new directory");
        // Build beside the target and move it into place, so a failed merge leaves nothing half-written.
        var staging = output.TrimEnd('/') + ".merging-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            string judge;
            await using (var store = await RunStore.OpenAsync(staging, cancellationToken))
            {
                await store.MergeAsync(settings.Shards, env.Time.GetUtcNow(), cancellationToken);
                var meta = await store.ReadMetaAsync(cancellationToken);
                judge = meta.GetValueOrDefault("judge", Judges.JudgeFactory.DefaultSpec);
                var scores = await RunOutputs.WriteAsync(store, judge, cancellationToken);
                ScoreTable.Write(env, settings, scores, judge);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(output))
                Directory.Delete(output);
            Directory.Move(staging, output);
            env.Messages(settings).WriteLine(
                $"merged {settings.Shards.Length} shards into {settings.Out} (judge {judge})");
            return AlertCli.ExitOk;
        }
        catch
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
            throw;
        }
    }
}
