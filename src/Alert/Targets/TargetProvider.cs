using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>Creates the bare client of one server (or of an in-process model) for a target's model.</summary>
/// <param name="model">The spec's part after the provider and colon.</param>
/// <param name="server">The server URL (null: the provider's default); always null for in-process and scripted targets.</param>
public delegate IChatClient TargetTransportCreator(string model, string? server, TargetContext context);

/// <summary>What a target's transport is made with.</summary>
/// <param name="ApiKey">The key for hosted servers (from the caller; never stored).</param>
public sealed record TargetContext(TargetOptions Options, string? ApiKey, TimeProvider? Time)
{
    // A record prints every property: the key stays out of logs and exception messages.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"Options = {Options}, ApiKey = {(ApiKey is null ? "none" : "[redacted]")}");
        return true;
    }
}

/// <summary>How a provider's model runs, which decides the middleware around it.</summary>
public enum TargetHosting
{
    /// <summary>Over HTTP on one or more servers: per-server adaptive concurrency, load balancing, retries, hedging.</summary>
    Server,
    /// <summary>In this process: one request at a time, retries, no hedging.</summary>
    InProcess,
    /// <summary>Scripted answers (baselines, tests): no middleware.</summary>
    Scripted,
}

/// <summary>
/// One target provider (<c>openai</c>, <c>ollama</c>, <c>gguf</c>, <c>mock</c>, or a plugin's), declared in its own file
/// with <see cref="Plugins.AlertPluginAttribute"/>; <see cref="TargetFactory"/> adds the middleware.
/// </summary>
public sealed record TargetProvider(string Name, string Usage, string Description, TargetHosting Hosting, TargetTransportCreator Create)
    : Plugins.IPluginDescriptor
{
    /// <summary>The server when the options name none (null: the SDK's own default, e.g. api.openai.com).</summary>
    public Func<string?> DefaultServer { get; init; } = () => null;
}
