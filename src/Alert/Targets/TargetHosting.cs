namespace Alert.Targets;

/// <summary>How a provider's model runs, which decides the middleware around it.</summary>
public enum TargetHosting
{
    /// <summary>Over HTTP on one or more servers: per-server adaptive concurrency, load balancing, retries,
    /// hedging.</summary>
    Server,
    /// <summary>In this process: one request at a time, retries, no hedging.</summary>
    InProcess,
    /// <summary>Scripted answers (baselines, tests): no middleware.</summary>
    Scripted,
}
