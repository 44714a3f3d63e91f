namespace Alert.Tests.Infrastructure;

/// <summary>One scrolling box of a page.</summary>
/// <param name="Section">The id of the section it is in.</param>
/// <param name="ScrollWidth">The width of what it holds.</param>
/// <param name="ClientWidth">Its own visible width.</param>
/// <param name="OverflowX">Its computed <c>overflow-x</c>.</param>
public sealed record BoxLayout(string Section, int ScrollWidth, int ClientWidth, string OverflowX);
