using System.Text.Json.Nodes;
using Alert.Cli.Infrastructure;
using Alert.Cli.Output;
using Alert.Common;
using Alert.Taxonomy;
using Spectre.Console.Cli;

namespace Alert.Cli.Commands;

/// <summary><c>alert taxonomy</c>: the 6 macro and 32 micro categories.</summary>
public sealed class TaxonomyCommand(CliEnvironment env) : Command<TaxonomySettings>
{
    public override int Execute(CommandContext context, TaxonomySettings settings, CancellationToken cancellationToken)
    {
        var taxonomy = AlertTaxonomy.Default;
        if (settings.Json || settings.OutputFormat == OutputFormat.Json)
        {
            var macros = new JsonArray();
            foreach (var m in taxonomy.Macros)
            {
                macros.Add(new JsonObject
                {
                    ["id"] = m.Id,
                    ["name"] = m.Name,
                    ["llama_guard_v1"] = m.LlamaGuardV1,
                    ["llama_guard_v3"] = new JsonArray(m.LlamaGuardV3.Select(c => (JsonNode)c!).ToArray()),
                    ["categories"] = new JsonArray(m.Categories.Select(c => (JsonNode)new JsonObject
                    {
                        ["label"] = c.Label,
                        ["name"] = c.Name,
                        ["description"] = c.Description,
                        ["llama_guard_v3"] = new JsonArray(c.LlamaGuardV3.Select(x => (JsonNode)x!).ToArray()),
                    }).ToArray()),
                });
            }
            var doc = new JsonObject { ["version"] = taxonomy.Version, ["macro_categories"] = macros };
            env.Out.Profile.Out.Writer.WriteLine(
                doc.ToJsonString(new System.Text.Json.JsonSerializerOptions(
                JsonlFile.WriteOptions)
                { WriteIndented = true }));
            return AlertCli.ExitOk;
        }
        var table = new OutputTable("categories",
            $"ALERT taxonomy v{taxonomy.Version}: {taxonomy.Macros.Count} macro, {taxonomy.Categories.Count} micro " +
            $"categories",
            "Macro", "Llama Guard v1", "Label", "Description", "Llama Guard v3");
        foreach (var m in taxonomy.Macros)
        {
            foreach (var c in m.Categories)
            {
                table.Add(m.Name, $"{m.LlamaGuardV1} {taxonomy.LlamaGuardV1Codes[m.LlamaGuardV1]}", c.Label,
                    c.Description,
                    string.Join(", ", c.LlamaGuardV3.Select(code => $"{code} {taxonomy.LlamaGuardV3Codes[code]}")));
            }
        }
        env.Write(settings, table);
        return AlertCli.ExitOk;
    }
}
