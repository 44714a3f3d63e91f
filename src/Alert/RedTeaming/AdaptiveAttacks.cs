using Alert.Plugins;

namespace Alert.RedTeaming;

/// <summary>The registered adaptive attack methods (one file each, registered with <c>[AlertPlugin]</c>).</summary>
public static class AdaptiveAttacks
{
    private static readonly Lazy<PluginSet<IAdaptiveAttack>> Registered =
        new(() => new PluginSet<IAdaptiveAttack>("attack method"));

    /// <summary>Every method, in help order.</summary>
    public static IReadOnlyList<IAdaptiveAttack> All => Registered.Value.All;

    /// <summary>The method of a name; an <see cref="AlertException"/> lists the methods for an unknown one.</summary>
    public static IAdaptiveAttack Resolve(string name) =>
        Registered.Value.TryGet(name, out var method) ? method
        : throw new AlertException(
            $"unknown attack method '{name}' (expected one of {string.Join(", ", All.Select(m => m.Name))})");
}
