namespace Alert.Plugins;

/// <summary>What every registered plugin says about itself: the name a spec starts with, its forms and one
/// sentence.</summary>
public interface IPluginDescriptor
{
    /// <summary>The plugin's name, the first part of its spec.</summary>
    string Name { get; }

    /// <summary>The spec forms, e.g. <c>llm:MODEL</c>.</summary>
    string Usage { get; }

    /// <summary>One sentence for help.</summary>
    string Description { get; }
}
