namespace Alert.Plugins;

/// <summary>Registered plugins of one kind by name, in listing order; two with one name are an error.</summary>
public sealed class PluginSet<T> where T : class, IPluginDescriptor
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    /// <param name="what">The kind in messages: "judge", "target provider".</param>
    public PluginSet(IEnumerable<T> plugins, string what)
    {
        All = plugins.ToList();
        What = what;
        foreach (var plugin in All)
        {
            if (!_byName.TryAdd(plugin.Name, plugin))
                throw new AlertException($"two {what} plugins are named '{plugin.Name}'");
        }
    }

    /// <summary>The plugins registered with <see cref="AlertPluginAttribute"/> in the loaded Alert
    /// assemblies.</summary>
    /// <param name="what">The kind in messages: "judge", "target provider".</param>
    public PluginSet(string what)
        : this(PluginDiscovery.Find<T>(), what)
    {
    }

    /// <summary>Every plugin, in order.</summary>
    public IReadOnlyList<T> All { get; }

    /// <summary>What the plugins are, for messages ("judge", "target").</summary>
    public string What { get; }

    /// <summary>Every form, for messages: "embedded, refusal, llm:MODEL, ...".</summary>
    public string Usages => string.Join(", ", All.Select(p => p.Usage));

    /// <summary>The plugin of that name, if there is one.</summary>
    public bool TryGet(string name, out T plugin) => _byName.TryGetValue(name, out plugin!);
}
