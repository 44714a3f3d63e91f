namespace Alert.Plugins;

/// <summary>
/// Marks a public static property that registers a plugin: a judge kind, target provider, attack or report exporter
/// (the property's type says which). Registries find every such property in the Alert assemblies and in any assembly
/// that references them, so adding a plugin is one file: the plugin with its descriptor.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class AlertPluginAttribute : Attribute
{
    /// <summary>Where the plugin is listed (help, catalogues): lower first, then by name.</summary>
    public int Order { get; init; } = 100;
}
