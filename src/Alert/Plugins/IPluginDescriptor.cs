namespace Alert.Plugins;

/// <summary>What every registered plugin says about itself: the name a spec starts with, its forms and one sentence.</summary>
public interface IPluginDescriptor
{
    string Name { get; }

    /// <summary>The spec forms, e.g. <c>llm:MODEL</c>.</summary>
    string Usage { get; }

    string Description { get; }
}
