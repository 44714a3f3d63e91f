using Alert.Attacks;
using Alert.Judges;
using Alert.Plugins;
using Alert.Targets;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Alert.Cli.Infrastructure;

/// <summary>
/// Spectre's help, followed by the registered plugins a command's options take: judges under <c>--judge</c>, target
/// providers under <c>--target</c>, attacks under <c>--attacks</c>. Read from the registries, so a new plugin shows
/// up in help without touching the CLI.
/// </summary>
internal sealed class PluginHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <summary>A branch with a default command (<c>alert judge</c>, <c>alert classify</c>) shows that command's
    /// options.</summary>
    public override IEnumerable<IRenderable> GetOptions(ICommandModel model, ICommandInfo? command) =>
        base.GetOptions(model, WithOptions(command));

    private static ICommandInfo? WithOptions(ICommandInfo? command) =>
        command is { IsBranch: true, DefaultCommand: { } defaultCommand } ? defaultCommand : command;

    public override IEnumerable<IRenderable> GetFooter(ICommandModel model, ICommandInfo? command)
    {
        command = WithOptions(command);
        var footer = base.GetFooter(model, command).ToList();
        var options = command?.Parameters.OfType<ICommandOption>().SelectMany(o => o.LongNames)
            .ToHashSet(StringComparer.Ordinal) ?? [];
        if (options.Contains("target"))
            footer.AddRange(Section("TARGET PROVIDERS", TargetFactory.Registry));
        if (options.Contains("judge"))
            footer.AddRange(Section("JUDGES", JudgeRegistry.Default.Kinds));
        // --converter takes the same static attacks.
        if (options.Contains("attacks") || options.Contains("converter"))
            footer.AddRange(Section("ATTACKS", AttackCatalog.All));
        if (options.Contains("method"))
            footer.AddRange(Section("ATTACK METHODS", Alert.RedTeaming.AdaptiveAttacks.All));
        return footer;
    }

    private static IEnumerable<IRenderable> Section(string title, IEnumerable<IPluginDescriptor> plugins)
    {
        yield return new Markup($"[yellow]{title}:[/]");
        yield return Text.NewLine;
        var grid = new Grid().AddColumn(new GridColumn().PadLeft(4).PadRight(2)).AddColumn(new GridColumn());
        foreach (var plugin in plugins)
            grid.AddRow(new Markup($"[bold]{Markup.Escape(plugin.Usage)}[/]"), new Text(plugin.Description));
        yield return grid;
        yield return Text.NewLine;
    }
}
