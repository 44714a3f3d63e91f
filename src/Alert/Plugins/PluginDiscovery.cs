using System.Collections.Concurrent;
using System.Reflection;

namespace Alert.Plugins;

/// <summary>
/// Finds the plugins of one kind: the values of the <see cref="AlertPluginAttribute"/> properties of that type in this
/// assembly and in every loaded or referenced assembly that references it (the optional packages, the CLI, a user's
/// own assembly). Read once per kind.
/// </summary>
public static class PluginDiscovery
{
    private static readonly ConcurrentDictionary<Type, object> Found = new();

    // The assemblies are walked once; each plugin kind then filters these properties by type.
    private static readonly Lazy<IReadOnlyList<(PropertyInfo Property, int Order, string Key)>> Registrations =
        new(Scan);

    /// <summary>Every registered <typeparamref name="T"/>, by <see cref="AlertPluginAttribute.Order"/>, then as
    /// found.</summary>
    public static IReadOnlyList<T> Find<T>() where T : class =>
        (IReadOnlyList<T>)Found.GetOrAdd(typeof(T), _ => Registrations.Value
            .Where(r => typeof(T).IsAssignableFrom(r.Property.PropertyType))
            .Select(r => (r.Order, r.Key, Plugin: r.Property.GetValue(null) as T))
            .Where(r => r.Plugin is not null)
            .OrderBy(r => r.Order).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => r.Plugin!).ToList());

    private static List<(PropertyInfo Property, int Order, string Key)> Scan()
    {
        var found = new List<(PropertyInfo, int, string)>();
        foreach (var assembly in PluginAssemblies())
        {
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.OfType<Type>().ToArray();
            }
            foreach (var type in types)
            {
                foreach (var property in type.GetProperties(
                    BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
                {
                    if (property.GetCustomAttribute<AlertPluginAttribute>() is { } plugin)
                        found.Add((property, plugin.Order, type.FullName + "." + property.Name));
                }
            }
        }
        return found;
    }

    private static IEnumerable<Assembly> PluginAssemblies()
    {
        var core = typeof(PluginDiscovery).Assembly;
        var coreName = core.GetName().Name!;
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Append(Assembly.GetEntryAssembly())
            .OfType<Assembly>()
            .Concat(Deployed(coreName)));
        while (pending.TryDequeue(out var assembly))
        {
            if (assembly.IsDynamic || !seen.TryAdd(assembly.FullName!, assembly))
                continue;
            // Referenced Alert assemblies may not be loaded yet (an optional package nothing has touched).
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && name.StartsWith(coreName, StringComparison.Ordinal)
                    && !seen.ContainsKey(reference.FullName))
                {
                    try
                    {
                        pending.Enqueue(Assembly.Load(reference));
                    }
                    catch (Exception e) when (e is FileNotFoundException or FileLoadException
                        or BadImageFormatException)
                    {
                        // An assembly that is not deployed has no plugins to offer.
                    }
                }
            }
        }
        return seen.Values.Where(a => a == core || a.GetReferencedAssemblies().Any(r => r.Name == coreName));
    }

    /// <summary>
    /// The Alert assemblies deployed beside this one: the compiler drops a reference no code uses, so an application
    /// that only depends on a package for its plugins (the CLI on Alert.Gguf) does not name it in its metadata.
    /// </summary>
    private static IEnumerable<Assembly> Deployed(string coreName)
    {
        var folder = Path.GetDirectoryName(typeof(PluginDiscovery).Assembly.Location);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            yield break;
        foreach (var path in Directory.EnumerateFiles(folder, coreName + ".*.dll"))
        {
            Assembly? assembly = null;
            try
            {
                assembly = Assembly.Load(AssemblyName.GetAssemblyName(path));
            }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
            {
                // Not loadable in this application (another runtime's build, a stale file): no plugins from it.
            }
            if (assembly is not null)
                yield return assembly;
        }
    }
}
