namespace Alert.Targets;

/// <summary>
/// One target provider (<c>openai</c>, <c>ollama</c>, <c>gguf</c>, <c>mock</c>, or a plugin's), declared in its own
/// file
/// with <see cref="Plugins.AlertPluginAttribute"/>; <see cref="TargetFactory"/> adds the middleware.
/// </summary>
public sealed record TargetProvider(string Name, string Usage, string Description, TargetHosting Hosting,
    TargetTransportCreator Create)
    : Plugins.IPluginDescriptor
{
    /// <summary>The server when the options name none (null: the SDK's own default, e.g. api.openai.com).</summary>
    public Func<string?> DefaultServer { get; init; } = () => null;
}
