using Microsoft.Extensions.AI;

namespace Alert.Targets;

/// <summary>Creates the bare client of one server (or of an in-process model) for a target's model.</summary>
/// <param name="model">The spec's part after the provider and colon.</param>
/// <param name="server">The server URL (null: the provider's default); always null for in-process and scripted
/// targets.</param>
public delegate IChatClient TargetTransportCreator(string model, string? server, TargetContext context);
