namespace Alert.View;

/// <summary>What <c>alert view</c> serves and where.</summary>
/// <param name="Runs">The run directories to show, in order.</param>
public sealed record ViewOptions(IReadOnlyList<string> Runs)
{
    /// <summary>The loopback address, the default: nothing outside this machine can connect.</summary>
    public const string LoopbackHost = "127.0.0.1";

    /// <summary>The address to bind: <see cref="LoopbackHost"/> unless exposed on purpose.</summary>
    public string Host { get; init; } = LoopbackHost;

    /// <summary>The port to bind; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The labels file for the first run (default: the run's own <c>labels.db</c>).</summary>
    public string? LabelsFile { get; init; }

    /// <summary>
    /// Where the runs' search indexes are kept (default: <c>view</c> in the user's cache,
    /// <see cref="Alert.Common.UserCache.Directory"/>), never in a run directory: viewing leaves a run as it was.
    /// </summary>
    public string IndexDirectory { get; init; } =
        Path.Combine(Alert.Common.UserCache.Directory, ViewIndex.DefaultFolderName);

    /// <summary>The access token; null draws a random one (tests and the bench pass their own).</summary>
    public string? Token { get; init; }

    /// <summary>The clock labels are stamped with.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Whether <see cref="Host"/> is reachable from other machines.</summary>
    public bool IsExposed => !(Host is "localhost" || (System.Net.IPAddress.TryParse(Host, out var ip)
        && System.Net.IPAddress.IsLoopback(ip)));
}
