using System.Reflection;
using System.Xml.Linq;

namespace Alert.Tests.Architecture;

/// <summary>
/// <c>&lt;inheritdoc/&gt;</c> only where there is something to inherit: an override, an interface member or a type
/// with a base. Read from the shipped XML docs and checked against the compiled assemblies.
/// </summary>
public class InheritDocTests
{
    [Theory]
    [InlineData("Alert")]
    [InlineData("Alert.Onnx")]
    [InlineData("Alert.Charts")]
    [InlineData("Alert.Gguf")]
    public void InheritDocIsOnlyUsedWhereSomethingIsInherited(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var docs = XDocument.Load(Path.Combine(AppContext.BaseDirectory, assemblyName + ".xml"));
        var ids = docs.Descendants("member")
            .Where(m => m.Elements("inheritdoc").Any(e => e.Attribute("cref") is null))
            .Select(m => (string)m.Attribute("name")!)
            .ToList();
        var orphans = ids.Where(id => !Inherits(assembly, id)).ToList();
        Assert.True(orphans.Count == 0, "<inheritdoc/> with nothing to inherit: " + string.Join(", ", orphans));
    }

    private static bool Inherits(Assembly assembly, string id)
    {
        var kind = id[0];
        var path = id[2..];
        var paren = path.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
            path = path[..paren];
        if (kind == 'T')
            return FindType(assembly, path) is { } t && (t.BaseType is { } b && b != typeof(object)
                && b != typeof(ValueType) || t.GetInterfaces().Length > 0);
        var dot = path.LastIndexOf('.');
        var type = FindType(assembly, path[..dot]);
        var name = path[(dot + 1)..].Replace('#', '.');
        if (type is null)
            return false;
        if (name is ".ctor")
            return type.BaseType is { } baseType && baseType != typeof(object) && type.GetConstructors(Instance)
                .Any(c => baseType.GetConstructor(Instance, c.GetParameters().Select(p => p.ParameterType).ToArray())
                    is not null);
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
            | BindingFlags.Static | BindingFlags.DeclaredOnly;
        bool Named(MemberInfo m) => m.Name == name || m.Name.EndsWith("." + name, StringComparison.Ordinal);
        var methods = kind switch
        {
            'M' => type.GetMethods(all).Where(Named),
            'P' => type.GetProperties(all).Where(Named).SelectMany(p => p.GetAccessors(nonPublic: true)),
            'E' => type.GetEvents(all).Where(Named).Select(e => e.AddMethod!),
            _ => [],
        };
        return methods.Any(m => Overrides(type, m));
    }

    // A constructor inherits the base constructor's docs (source generators write <inheritdoc/> on theirs).
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    private static bool Overrides(Type type, MethodInfo method)
    {
        if (method.GetBaseDefinition().DeclaringType != method.DeclaringType)
            return true;
        return !type.IsInterface && type.GetInterfaces()
            .Any(i => type.GetInterfaceMap(i).TargetMethods.Contains(method));
    }

    private static Type? FindType(Assembly assembly, string name)
    {
        // Doc ids write nested types with '.', reflection with '+': try each split from the right.
        var type = assembly.GetType(name);
        for (var at = name.LastIndexOf('.'); type is null && at > 0; at = name.LastIndexOf('.', at - 1))
        {
            name = name[..at] + "+" + name[(at + 1)..];
            type = assembly.GetType(name);
        }
        return type;
    }
}
